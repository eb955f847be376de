namespace Heron;

/// <summary>The type of a table: its element reference type, its limits, and its index type.</summary>
public readonly record struct TableType(ValueType ElementType, Limits Limits, bool Is64 = false)
{
    /// <summary>The text-format spelling.</summary>
    public override string ToString() => $"{(Is64 ? "i64 " : "")}{Limits} {ElementType}";
}
