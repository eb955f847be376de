using Heron.Runtime;

namespace Heron;

/// <summary>A table of references (funcref or externref), shared by every instance that imports it.</summary>
public sealed class Table : Extern
{
    internal Table(TableInstance table, StoreRuntime owner, Engine engine)
    {
        Runtime = table;
        Owner = owner;
        Engine = engine;
    }

    /// <summary>Creates a table in a store with every element set to <paramref name="initial"/>.</summary>
    public Table(Store store, TableType type, Value initial)
    {
        ArgumentNullException.ThrowIfNull(store);
        HostTypes.RequireAbstract(type.ElementType, nameof(type));
        Engine = store.Engine;
        Owner = store.Runtime;
        Runtime = store.CreateTable(type, ValueConversion.ToReference(initial, type.ElementType, Engine));
    }

    internal TableInstance Runtime { get; }

    internal Engine Engine { get; }

    internal override StoreRuntime? Owner { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Table;

    /// <summary>The type: the current size as minimum, and the declared maximum.</summary>
    public TableType Type => Runtime.Type with { Limits = Runtime.CurrentLimits };

    /// <summary>The number of elements.</summary>
    public uint Size => Runtime.Size;

    /// <summary>The element at <paramref name="index"/>; traps "out of bounds table access" past the end.</summary>
    public Value Get(uint index)
    {
        if (index >= Runtime.Size) TrapHelpers.TableOutOfBounds();
        return ValueConversion.FromReference(Runtime.Elements[index], Runtime.Type.ElementType, Engine);
    }

    /// <summary>Sets the element at <paramref name="index"/>; traps "out of bounds table access" past the end.</summary>
    public void Set(uint index, Value value)
    {
        var reference = ValueConversion.ToReference(value, Runtime.CanonicalElement, Engine);
        if (index >= Runtime.Size) TrapHelpers.TableOutOfBounds();
        Runtime.Elements[index] = reference;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initial"/>; returns the old size, or -1.</summary>
    public long Grow(uint delta, Value initial) =>
        Runtime.Grow(delta, ValueConversion.ToReference(initial, Runtime.CanonicalElement, Engine));
}
