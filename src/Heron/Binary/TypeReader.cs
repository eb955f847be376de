namespace Heron.Binary;

/// <summary>
/// Reads the types that sections share (value, reference, table, memory and global types) and rejects
/// the encodings that the enabled <see cref="WasmFeatures"/> do not know: a 2.0 module may not use
/// <c>(ref ...)</c>, GC heap types or 64-bit limits, and those bytes are malformed there.
/// </summary>
internal static class TypeReader
{
    public static ValueType ReadValueType(ref WasmReader reader, WasmFeatures features)
    {
        var start = reader.Position;
        var type = reader.ReadValueType();
        if (!IsEnabled(type, features) || !IsEncodingEnabled(reader.Bytes[start], features)) throw reader.Error("malformed value type", start);
        return type;
    }

    public static ValueType ReadReferenceType(ref WasmReader reader, WasmFeatures features)
    {
        var start = reader.Position;
        var type = reader.ReadValueType();
        // funcref is 1.0's one table element type: no feature is needed to name it where a reference type goes.
        if (reader.Bytes[start] == 0x70) return type;
        if (!type.IsReference || !IsEnabled(type, features) || !IsEncodingEnabled(reader.Bytes[start], features))
            throw reader.Error("malformed reference type", start);
        return type;
    }

    // The long forms (ref null ht) and (ref ht) arrive with typed function references, even for funcref.
    private static bool IsEncodingEnabled(byte first, WasmFeatures features) =>
        first is not (0x63 or 0x64) || (features & (WasmFeatures.FunctionReferences | WasmFeatures.Gc)) != 0;

    /// <summary>Whether the features allow a value type at all (not whether its type index exists).</summary>
    public static bool IsEnabled(ValueType type, WasmFeatures features)
    {
        switch (type.Kind)
        {
            case ValueKind.V128:
                return (features & WasmFeatures.Simd) != 0;
            case ValueKind.Ref:
                var heap = type.Heap;
                if (type.Nullable && (heap == HeapType.Func || heap == HeapType.Extern))
                    return (features & WasmFeatures.ReferenceTypes) != 0;
                // Everything else is 3.0: non-null or concrete references come with typed function
                // references, the internal hierarchy with GC, exnref with exceptions.
                if ((!type.Nullable || heap.IsConcrete) && (features & (WasmFeatures.FunctionReferences | WasmFeatures.Gc)) == 0)
                    return false;
                if (heap.IsConcrete || heap == HeapType.Func || heap == HeapType.Extern) return true;
                if (heap == HeapType.Exn || heap == HeapType.NoExn) return (features & WasmFeatures.Exceptions) != 0;
                if (heap == HeapType.NoFunc || heap == HeapType.NoExtern)
                    return (features & (WasmFeatures.Gc | WasmFeatures.FunctionReferences)) != 0;
                return (features & WasmFeatures.Gc) != 0;
            default:
                return true;
        }
    }

    public static TableType ReadTableType(ref WasmReader reader, WasmFeatures features)
    {
        var elementType = ReadReferenceType(ref reader, features);
        var read = ReadLimits(ref reader, features, isMemory: false);
        var (limits, is64) = (read.Limits, read.Is64);
        return new TableType(elementType, limits, is64);
    }

    public static MemoryType ReadMemoryType(ref WasmReader reader, WasmFeatures features)
    {
        var read = ReadLimits(ref reader, features, isMemory: true);
        var (limits, shared, is64, pageSizeLog2) = (read.Limits, read.Shared, read.Is64, read.PageSizeLog2);
        return new MemoryType(limits, shared, is64) { PageSizeLog2 = pageSizeLog2 };
    }

    public static GlobalType ReadGlobalType(ref WasmReader reader, WasmFeatures features)
    {
        var type = ReadValueType(ref reader, features);
        return new GlobalType(type, ReadMutability(ref reader));
    }

    public static bool ReadMutability(ref WasmReader reader)
    {
        var start = reader.Position;
        var flag = reader.ReadByte();
        if (flag > 1) throw reader.Error("malformed mutability", start);
        return flag == 1;
    }

    /// <summary>A tag type: the attribute byte (0, exception) and the index of its function type.</summary>
    public static int ReadTagType(ref WasmReader reader)
    {
        var start = reader.Position;
        if (reader.ReadByte() != 0) throw reader.Error("malformed tag attribute", start);
        return reader.ReadIndex();
    }

    // Flags: bit 0 a maximum follows, bit 1 shared (threads, memories only), bit 2 64-bit (memory64/table64),
    // bit 3 a page size follows the limits (custom page sizes, memories only), as its base-2 logarithm.
    // 3.0 reads the limits as u64 whatever the address type (validation bounds them); 2.0 as u32.
    /// <summary>
    /// Decoded limits and their flags. A struct of Heron's own: a <c>ValueTuple</c> holding a Heron struct is
    /// framework generic code the ReadyToRun image cannot hold, JIT-compiled at every start.
    /// </summary>
    private readonly record struct ReadLimitsResult(Limits Limits, bool Shared, bool Is64, int PageSizeLog2);

    private static ReadLimitsResult ReadLimits(ref WasmReader reader, WasmFeatures features, bool isMemory)
    {
        var start = reader.Position;
        var flags = reader.ReadByte();
        var allowed = 1;
        if (isMemory && (features & WasmFeatures.Threads) != 0) allowed |= 2;
        if ((features & WasmFeatures.Memory64) != 0) allowed |= 4;
        if (isMemory && (features & WasmFeatures.CustomPageSizes) != 0) allowed |= 8;
        if ((flags & ~allowed) != 0)
        {
            // 2.0 reads the flags as a u32 LEB128 that must be 0 or 1, and names the error that way.
            if ((features & WasmFeatures.Memory64) != 0) throw reader.Error("malformed limits flags", start);
            throw reader.Error((flags & 0x80) != 0 ? "integer representation too long" : "integer too large", start);
        }
        var is64 = (flags & 4) != 0;
        var wide = is64 || (features & WasmFeatures.Memory64) != 0;
        var minimum = wide ? reader.ReadU64() : reader.ReadU32();
        ulong? maximum = (flags & 1) != 0 ? (wide ? reader.ReadU64() : reader.ReadU32()) : null;
        var pageSizeLog2 = MemoryType.DefaultPageSizeLog2;
        if ((flags & 8) != 0)
        {
            var at = reader.Position;
            var log2 = reader.ReadU32();
            // A page size that no 64-bit integer holds is malformed; other powers of two are invalid.
            if (log2 >= 64) throw reader.Error("invalid custom page size", at);
            pageSizeLog2 = (int)log2;
        }
        return new ReadLimitsResult(new Limits(minimum, maximum), (flags & 2) != 0, is64, pageSizeLog2);
    }
}
