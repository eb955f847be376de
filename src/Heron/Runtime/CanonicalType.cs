using System.Runtime.CompilerServices;
using Heron.Model;
using Heron.Runtime.Gc;

namespace Heron.Runtime;

/// <summary>
/// One type of an engine's <see cref="SignatureRegistry"/>: its id, its kind, whether it is final, its declared
/// ancestors (nearest first, as engine ids) and, for a function type, its signature with concrete heap types
/// given by engine ids (so a value can be checked against it whatever module it came from). It is also the
/// run-time type of GC objects: a struct or array points at it, and casts test against its display.
/// </summary>
internal sealed class CanonicalType
{
    public CanonicalType(int id, CompositeKind kind, bool final, CanonicalType? parent, FunctionType? function, FieldType[] fields)
    {
        Id = id;
        Kind = kind;
        Final = final;
        Function = function;
        Fields = fields;
        Supertypes = parent is null ? [] : [parent.Id, .. parent.Supertypes];
        // The supertype display (as in V8 and Wasmtime): every ancestor by its depth, root first, this type last.
        // "Is T an ancestor" is then one bounds test and one compare, whatever the depth.
        Display = parent is null ? [this] : [.. parent.Display, this];
        Depth = Display.Length - 1;
        if (kind == CompositeKind.Struct) Layout = StructLayout.Of(fields);
    }

    public int Id { get; }

    public CompositeKind Kind { get; }

    public bool Final { get; }

    public int[] Supertypes { get; }

    public FunctionType? Function { get; }

    /// <summary>A struct's fields, or an array's single element (reference types as the declaring module wrote them).</summary>
    public FieldType[] Fields { get; }

    /// <summary>Where a struct's fields live in a <see cref="GcStruct"/>; null for other kinds.</summary>
    public StructLayout? Layout { get; }

    /// <summary>This type's ancestors by depth, root first, ending with itself.</summary>
    public CanonicalType[] Display { get; }

    /// <summary>How many ancestors this type has: its own index in <see cref="Display"/> (and in every subtype's).</summary>
    public int Depth { get; }

    /// <summary>Whether <paramref name="id"/> is a proper ancestor. Chains are short (the spec bounds their depth).</summary>
    public bool HasSupertype(int id) => Array.IndexOf(Supertypes, id) >= 0;

    /// <summary>Whether this type is <paramref name="other"/> or has it as an ancestor: constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSubtypeOf(CanonicalType other)
    {
        var display = Display;
        var depth = other.Depth;
        return (uint)depth < (uint)display.Length && ReferenceEquals(display[depth], other);
    }
}
