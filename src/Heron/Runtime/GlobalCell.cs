namespace Heron.Runtime;

/// <summary>
/// The storage of one global. Compiled code reads and writes the field of the global's type directly;
/// an instance importing a global shares the exporter's cell, so mutations are seen by both.
/// </summary>
internal sealed class GlobalCell(GlobalType type)
{
    public int I32;
    public long I64;
    public float F32;
    public double F64;
    /// <summary>A v128 global's storage (null for other types): boxed, see <see cref="V128Box"/>.</summary>
    public readonly V128Box? V128 = type.ValueType.Kind == ValueKind.V128 ? new V128Box() : null;
    public object? Ref;

    public GlobalType Type { get; } = type;

    /// <summary>The value type in the engine's ids (see <see cref="SignatureRegistry.Canonical"/>), for matching across modules.</summary>
    public ValueType Canonical { get; init; } = type.ValueType;
}
