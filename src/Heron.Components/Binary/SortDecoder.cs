using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>Reads sorts (<c>sort</c> and <c>core:sort</c>) and <c>sortidx</c>, and words bad kind bytes.</summary>
internal static class SortDecoder
{
    /// <summary>A <c>core:sort</c> byte, or null when the byte is not one.</summary>
    public static Sort? CoreSort(byte code) => code switch
    {
        0x00 => Sort.CoreFunc,
        0x01 => Sort.CoreTable,
        0x02 => Sort.CoreMemory,
        0x03 => Sort.CoreGlobal,
        0x04 => Sort.CoreTag,
        0x10 => Sort.CoreType,
        0x11 => Sort.CoreModule,
        0x12 => Sort.CoreInstance,
        _ => null,
    };

    /// <summary>A component <c>sort</c> byte other than 0x00 (core), or null when the byte is not one.</summary>
    public static Sort? ComponentSort(byte code) => code switch
    {
        0x01 => Sort.Func,
        0x02 => Sort.Value,
        0x03 => Sort.Type,
        0x04 => Sort.Component,
        0x05 => Sort.Instance,
        _ => null,
    };

    /// <summary>A <c>sort</c>: either <c>0x00 core:sort</c> or a component sort byte.</summary>
    public static Sort ReadSort(ref WasmReader reader, string what = "component external kind")
    {
        var start = reader.Position;
        var code = reader.ReadByte();
        if (code == 0)
        {
            var coreStart = reader.Position;
            var core = reader.ReadByte();
            return CoreSort(core) ?? throw LeadingByte(ref reader, core, what, coreStart);
        }
        return ComponentSort(code) ?? throw LeadingByte(ref reader, code, what, start);
    }

    public static SortIndex ReadSortIndex(ref WasmReader reader)
    {
        var sort = ReadSort(ref reader);
        return new SortIndex(sort, reader.ReadIndex());
    }

    public static SortIndex ReadCoreSortIndex(ref WasmReader reader)
    {
        var start = reader.Position;
        var code = reader.ReadByte();
        var sort = CoreSort(code) ?? throw LeadingByte(ref reader, code, "core sort", start);
        return new SortIndex(sort, reader.ReadIndex());
    }

    /// <summary>The error for a byte that selects none of the forms of <paramref name="what"/>.</summary>
    public static DecodeException LeadingByte(ref WasmReader reader, byte code, string what, int offset) =>
        reader.Error($"invalid leading byte (0x{code:x}) for {what}", offset);

    /// <summary>An <c>async?</c>, <c>cancel?</c> or <c>sh?</c> flag byte.</summary>
    public static bool ReadBoolean(ref WasmReader reader)
    {
        var start = reader.Position;
        return reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            _ => throw reader.Error("invalid boolean value", start),
        };
    }
}
