using System.Text;
using Heron.Model;

namespace Heron.Text;

/// <summary>
/// Value, heap, reference, storage and function types in their text spellings. Kept apart from the
/// public types' <c>ToString</c>, which are for messages: the printer needs the exact keywords the
/// parser reads (<c>nullfuncref</c>, not <c>nofuncref</c>) and must not allocate per operand.
/// </summary>
internal static class TypePrinter
{
    public static void AppendValueType(StringBuilder text, ValueType type)
    {
        switch (type.Kind)
        {
            case ValueKind.I32: text.Append("i32"); return;
            case ValueKind.I64: text.Append("i64"); return;
            case ValueKind.F32: text.Append("f32"); return;
            case ValueKind.F64: text.Append("f64"); return;
            case ValueKind.V128: text.Append("v128"); return;
        }
        AppendRefType(text, type.Heap, type.Nullable);
    }

    /// <summary>A reference type: the shorthand keyword for a nullable abstract type, else <c>(ref null? ht)</c>.</summary>
    public static void AppendRefType(StringBuilder text, HeapType heap, bool nullable)
    {
        if (nullable && ShorthandOf(heap) is { } shorthand)
        {
            text.Append(shorthand);
            return;
        }
        text.Append(nullable ? "(ref null " : "(ref ");
        AppendHeapType(text, heap);
        text.Append(')');
    }

    public static void AppendHeapType(StringBuilder text, HeapType heap)
    {
        if (heap.IsConcrete) text.Append(heap.TypeIndex);
        else text.Append(heap.ToString());
    }

    private static string? ShorthandOf(HeapType heap) => heap.Code switch
    {
        -0x10 => "funcref",
        -0x11 => "externref",
        -0x12 => "anyref",
        -0x13 => "eqref",
        -0x14 => "i31ref",
        -0x15 => "structref",
        -0x16 => "arrayref",
        -0x17 => "exnref",
        -0x0C => "nullexnref",
        -0x0D => "nullfuncref",
        -0x0E => "nullexternref",
        -0x0F => "nullref",
        _ => null,
    };

    public static void AppendStorageType(StringBuilder text, StorageType storage)
    {
        switch (storage.PackedBits)
        {
            case 8: text.Append("i8"); break;
            case 16: text.Append("i16"); break;
            default: AppendValueType(text, storage.Type); break;
        }
    }

    public static void AppendFieldType(StringBuilder text, FieldType field)
    {
        if (field.Mutable) text.Append("(mut ");
        AppendStorageType(text, field.Storage);
        if (field.Mutable) text.Append(')');
    }

    public static void AppendGlobalType(StringBuilder text, GlobalType type)
    {
        if (type.Mutable) text.Append("(mut ");
        AppendValueType(text, type.ValueType);
        if (type.Mutable) text.Append(')');
    }

    /// <summary><c> (param ...) (result ...)</c>, each group only when not empty, with a leading space.</summary>
    public static void AppendSignature(StringBuilder text, FunctionType type)
    {
        AppendGroup(text, "param", type.Parameters);
        AppendGroup(text, "result", type.Results);
    }

    public static void AppendGroup(StringBuilder text, string keyword, IReadOnlyList<ValueType> types)
    {
        if (types.Count == 0) return;
        text.Append(" (").Append(keyword);
        for (var i = 0; i < types.Count; i++)
        {
            text.Append(' ');
            AppendValueType(text, types[i]);
        }
        text.Append(')');
    }

    public static void AppendLimits(StringBuilder text, Limits limits)
    {
        text.Append(limits.Minimum);
        if (limits.Maximum is { } maximum) text.Append(' ').Append(maximum);
    }

    public static void AppendTableType(StringBuilder text, TableType type)
    {
        if (type.Is64) text.Append("i64 ");
        AppendLimits(text, type.Limits);
        text.Append(' ');
        AppendValueType(text, type.ElementType);
    }

    public static void AppendMemoryType(StringBuilder text, MemoryType type)
    {
        if (type.Is64) text.Append("i64 ");
        AppendLimits(text, type.Limits);
        if (type.Shared) text.Append(" shared");
        if (type.PageSizeLog2 != MemoryType.DefaultPageSizeLog2) text.Append(" (pagesize ").Append(type.PageBytes).Append(')');
    }
}
