namespace Heron.Runtime.Gc;

/// <summary>
/// A WebAssembly struct: its number, vector and packed fields in one byte array (at the offsets of the type's
/// <see cref="StructLayout"/>), its reference fields in one object array. Two arrays rather than a .NET class
/// per struct type keep the representation independent of how the code was produced (in memory, lazily, or
/// a precompiled assembly), and every field access is a load at a constant offset.
/// </summary>
internal sealed class GcStruct : GcObject
{
    private static readonly byte[] NoData = [];
    private static readonly object?[] NoRefs = [];

    public readonly byte[] Data;
    public readonly object?[] Refs;

    public GcStruct(CanonicalType type) : base(type)
    {
        var layout = type.Layout!;
        Data = layout.DataSize == 0 ? NoData : new byte[layout.DataSize];
        Refs = layout.RefCount == 0 ? NoRefs : new object?[layout.RefCount];
    }

    public override AnyRefKind Kind => AnyRefKind.Struct;

    public override int FieldCount => Type.Fields.Length;

    public override Value GetField(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)FieldCount, nameof(index));
        return ValueConversion.FromField(GcValues.Read(this, index), Type.Fields[index].Storage);
    }
}
