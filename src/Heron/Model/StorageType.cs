namespace Heron.Model;

/// <summary>The type of a GC struct field or array element: a value type or a packed i8/i16.</summary>
internal readonly record struct StorageType(ValueType Type, byte PackedBits = 0)
{
    public bool IsPacked => PackedBits != 0;

    public override string ToString() => PackedBits switch { 8 => "i8", 16 => "i16", _ => Type.ToString() };
}
