using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// A WebAssembly struct: its number, vector and packed fields at the byte offsets of its type's
/// <see cref="StructLayout"/>, its reference fields at the layout's indices. The first <see cref="InlineBytes"/>
/// bytes and the first <see cref="InlineRefs"/> references live in the object itself, the rest in two arrays
/// made only for types that need them, so most structs are one allocation. One class for every struct type
/// (rather than a .NET class per type) keeps the representation independent of how the code was produced (in
/// memory, lazily, or a precompiled assembly), and every field access is a load at a constant offset.
/// </summary>
internal sealed class GcStruct : GcObject
{
    /// <summary>Bytes of number fields and references held in the object before the overflow arrays are used.</summary>
    public const int InlineBytes = 16, InlineRefs = 2;

    private static readonly byte[] NoData = [];
    private static readonly object?[] NoRefs = [];

    public InlineFieldData Inline;
    public object? Ref0;
    public object? Ref1;

    /// <summary>The number fields from byte <see cref="InlineBytes"/> on.</summary>
    public readonly byte[] Data;

    /// <summary>The references from index <see cref="InlineRefs"/> on.</summary>
    public readonly object?[] Refs;

    // Inlined into struct.new: most structs need neither overflow array, and the call was 6% of binary-trees.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public GcStruct(CanonicalType type) : base(type)
    {
        var layout = type.Layout!;
        Data = layout.DataSize <= InlineBytes ? NoData : new byte[layout.DataSize - InlineBytes];
        Refs = layout.RefCount <= InlineRefs ? NoRefs : new object?[layout.RefCount - InlineRefs];
    }

    public override AnyRefKind Kind => AnyRefKind.Struct;

    public override int FieldCount => Type.Fields.Length;

    public override Value GetField(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)FieldCount, nameof(index));
        return ValueConversion.FromField(GcValues.Read(this, index), Type.Fields[index].Storage);
    }

    /// <summary>The inline field bytes, as bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte InlineStart() => ref Unsafe.As<InlineFieldData, byte>(ref Inline);
}
