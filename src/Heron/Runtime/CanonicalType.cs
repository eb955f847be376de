using Heron.Model;

namespace Heron.Runtime;

/// <summary>
/// One type of an engine's <see cref="SignatureRegistry"/>: its id, its kind, whether it is final, its declared
/// ancestors (nearest first, as engine ids) and, for a function type, its signature with concrete heap types
/// given by engine ids (so a value can be checked against it whatever module it came from).
/// </summary>
internal sealed class CanonicalType(int id, CompositeKind kind, bool final, int[] supertypes, FunctionType? function)
{
    public int Id { get; } = id;

    public CompositeKind Kind { get; } = kind;

    public bool Final { get; } = final;

    public int[] Supertypes { get; } = supertypes;

    public FunctionType? Function { get; } = function;

    /// <summary>Whether <paramref name="id"/> is a proper ancestor. Chains are short (the spec bounds their depth).</summary>
    public bool HasSupertype(int id) => Array.IndexOf(Supertypes, id) >= 0;
}
