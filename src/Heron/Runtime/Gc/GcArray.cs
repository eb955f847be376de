namespace Heron.Runtime.Gc;

/// <summary>A WebAssembly array of any element type: what <c>array.len</c> reads without knowing the element type.</summary>
internal abstract class GcArray(CanonicalType type, int length) : GcObject(type)
{
    public readonly int Length = length;
}
