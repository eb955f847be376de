namespace Heron.Runtime.Gc;

/// <summary>A WebAssembly array of any element type: what <c>array.len</c> reads without knowing the element type.</summary>
internal abstract class GcArray(CanonicalType type, int length) : GcObject(type)
{
    public readonly int ElementCount = length;

    public override AnyRefKind Kind => AnyRefKind.Array;

    public override int Length => ElementCount;

    public override Value GetElement(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)ElementCount, nameof(index));
        return ValueConversion.FromField(GcValues.ReadElement(this, index), Type.Fields[0].Storage);
    }
}
