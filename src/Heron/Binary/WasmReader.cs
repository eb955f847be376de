using System.Buffers.Binary;
using System.Text;

namespace Heron.Binary;

/// <summary>
/// Reads the primitives of the binary format (bytes, LEB128 integers, floats, names, types) from a
/// module's bytes. <see cref="Position"/> is an absolute offset in the module, so every error carries
/// the byte offset users see in tools; <see cref="End"/> bounds the current section or body.
/// </summary>
internal ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> bytes;

    public WasmReader(ReadOnlySpan<byte> bytes, int position = 0, int end = -1)
    {
        this.bytes = bytes;
        Position = position;
        End = end < 0 ? bytes.Length : end;
    }

    public int Position { get; set; }

    public int End { get; set; }

    public readonly bool AtEnd => Position >= End;

    public readonly int Remaining => End - Position;

    public readonly ReadOnlySpan<byte> Bytes => bytes;

    public readonly DecodeException Error(string message) => new(message, Position);

    public readonly DecodeException Error(string message, int offset) => new(message, offset);

    public byte ReadByte()
    {
        if (Position >= End) throw Error("unexpected end");
        return bytes[Position++];
    }

    public readonly byte PeekByte()
    {
        if (Position >= End) throw Error("unexpected end");
        return bytes[Position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)Remaining) throw Error("unexpected end");
        var span = bytes.Slice(Position, count);
        Position += count;
        return span;
    }

    public uint ReadU32()
    {
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", Position - 1);
                if ((b & 0x70) != 0) throw Error("integer too large", Position - 1);
                return result | ((uint)b << 28);
            }
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>A u32 used as a count or index into an array the reader will allocate: capped at int.MaxValue.</summary>
    public int ReadCount()
    {
        var start = Position;
        var value = ReadU32();
        if (value > int.MaxValue) throw Error("integer too large", start);
        return (int)value;
    }

    /// <summary>
    /// An index into some index space: a u32, capped at int.MaxValue. An index that large can never be in
    /// range, so capping keeps it out of range for the validator to report instead of making it malformed.
    /// </summary>
    public int ReadIndex()
    {
        var value = ReadU32();
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    /// <summary>
    /// A vector length whose elements each take at least <paramref name="minBytesPerItem"/> bytes: a length
    /// the remaining input cannot hold is rejected before anything is allocated for it.
    /// </summary>
    public int ReadVectorLength(int minBytesPerItem = 1)
    {
        var start = Position;
        var count = ReadCount();
        if ((long)count * minBytesPerItem > Remaining) throw Error("length out of bounds", start);
        return count;
    }

    /// <summary>
    /// The item count of a section's vector. Like <see cref="ReadVectorLength"/> it refuses a count the
    /// remaining input cannot hold, but names the error as running out of items, which is what reading
    /// them one by one would report.
    /// </summary>
    public int ReadItemCount(int minBytesPerItem = 1)
    {
        var start = Position;
        var count = ReadCount();
        if ((long)count * minBytesPerItem > Remaining) throw Error("unexpected end of section or function", start);
        return count;
    }

    public int ReadS32()
    {
        int result = 0;
        for (int shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", Position - 1);
                // The unused bits must repeat the sign bit (bit 3 of the last byte).
                var rest = b & 0x78;
                if (rest != 0 && rest != 0x78) throw Error("integer too large", Position - 1);
                return result | (b << 28);
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0 && shift + 7 < 32) result |= -1 << (shift + 7);
                return result;
            }
        }
    }

    public long ReadS64()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", Position - 1);
                if (b != 0 && b != 0x7F) throw Error("integer too large", Position - 1);
                return result | ((long)b << 63);
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0 && shift + 7 < 64) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    public ulong ReadU64()
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", Position - 1);
                if ((b & 0x7E) != 0) throw Error("integer too large", Position - 1);
                return result | ((ulong)b << 63);
            }
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /// <summary>A signed 33-bit integer (block types), returned as a long.</summary>
    public long ReadS33()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw Error("integer representation too long", Position - 1);
                // 33 bits: 5 bits of this byte are value (bits 28..32), bit 4 is the sign; the rest repeat it.
                var rest = b & 0x70;
                if (rest != 0 && rest != 0x70) throw Error("integer too large", Position - 1);
                result |= (long)(b & 0x7F) << 28;
                if ((b & 0x40) != 0) result |= -1L << 35;
                return result;
            }
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    public uint ReadF32Bits() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadF64Bits() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string ReadName()
    {
        var length = ReadVectorLength();
        var start = Position;
        var raw = ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw Error("malformed UTF-8 encoding", start);
        }
    }

    /// <summary>A heap type: an abstract one-byte code, or a type index.</summary>
    public HeapType ReadHeapType()
    {
        var start = Position;
        var value = ReadS33();
        if (value >= 0)
        {
            if (value > int.MaxValue) throw Error("integer too large", start);
            return new HeapType((int)value);
        }
        if (value >= -0x40 && HeapType.IsAbstractCode((int)value)) return new HeapType((int)value);
        throw Error("malformed heap type", start);
    }

    public ValueType ReadValueType()
    {
        var start = Position;
        var code = ReadByte();
        return code switch
        {
            0x7F => ValueType.I32,
            0x7E => ValueType.I64,
            0x7D => ValueType.F32,
            0x7C => ValueType.F64,
            0x7B => ValueType.V128,
            0x64 => ValueType.Ref(ReadHeapType(), nullable: false),
            0x63 => ValueType.Ref(ReadHeapType(), nullable: true),
            _ when HeapType.IsAbstractCode(code - 0x80) => ValueType.Ref(new HeapType(code - 0x80), nullable: true),
            _ => throw Error("malformed value type", start),
        };
    }

    public ValueType ReadReferenceType()
    {
        var start = Position;
        var type = ReadValueType();
        if (!type.IsReference) throw Error("malformed reference type", start);
        return type;
    }
}
