using Heron.Runtime;

namespace Heron;

/// <summary>A global variable; instances importing it share it, so a change is seen by all of them.</summary>
public sealed class Global : Extern
{
    internal Global(GlobalCell cell, StoreRuntime owner, Engine engine)
    {
        Cell = cell;
        Owner = owner;
        Engine = engine;
    }

    /// <summary>Creates a global in a store with an initial value of its type.</summary>
    public Global(Store store, GlobalType type, Value value)
    {
        ArgumentNullException.ThrowIfNull(store);
        HostTypes.RequireAbstract(type.ValueType, nameof(type));
        Engine = store.Engine;
        Owner = store.Runtime;
        Cell = new GlobalCell(type);
        ValueConversion.Store(Cell, value, Engine);
    }

    internal GlobalCell Cell { get; }

    internal Engine Engine { get; }

    internal override StoreRuntime? Owner { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Global;

    /// <summary>The global's type.</summary>
    public GlobalType Type => Cell.Type;

    /// <summary>The current value; setting an immutable global throws <see cref="InvalidOperationException"/>.</summary>
    public Value Value
    {
        get => ValueConversion.Load(Cell, Engine);
        set
        {
            if (!Cell.Type.Mutable) throw new InvalidOperationException("the global is immutable");
            ValueConversion.Store(Cell, value, Engine);
        }
    }
}
