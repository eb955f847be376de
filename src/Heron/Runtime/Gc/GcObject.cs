namespace Heron.Runtime.Gc;

/// <summary>
/// A struct or array made by WebAssembly code: an ordinary .NET object, so the .NET collector owns its life
/// (no collector of Heron's own). It carries its run-time type, which casts test.
/// </summary>
internal abstract class GcObject(CanonicalType type) : AnyRef
{
    public readonly CanonicalType Type = type;
}
