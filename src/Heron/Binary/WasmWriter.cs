using System.Text;

namespace Heron.Binary;

/// <summary>A growable buffer that writes the primitives of the binary format (LEB128 integers, names, types).</summary>
internal sealed class WasmWriter
{
    private byte[] buffer;

    public WasmWriter(int capacity = 256)
    {
        buffer = new byte[Math.Max(capacity, 16)];
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, Length);

    public byte[] ToArray() => buffer.AsSpan(0, Length).ToArray();

    public void Clear() => Length = 0;

    public void WriteByte(byte value)
    {
        if (Length == buffer.Length) Grow(1);
        buffer[Length++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > buffer.Length) Grow(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteU32(uint value) => WriteU64(value);

    public void WriteU64(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            WriteByte(b);
        } while (value != 0);
    }

    /// <summary>A signed LEB128 (s32, s33, s64 all share this encoding).</summary>
    public void WriteS64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            WriteByte(b);
            if (done) return;
        }
    }

    public void WriteName(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        WriteU32((uint)length);
        if (Length + length > buffer.Length) Grow(length);
        Length += Encoding.UTF8.GetBytes(name, buffer.AsSpan(Length));
    }

    public void WriteHeapType(HeapType heap)
    {
        // Abstract heap types are negative one-byte s33 codes; concrete ones are non-negative type indices.
        WriteS64(heap.Code);
    }

    public void WriteValueType(ValueType type)
    {
        switch (type.Kind)
        {
            case ValueKind.I32: WriteByte(0x7F); break;
            case ValueKind.I64: WriteByte(0x7E); break;
            case ValueKind.F32: WriteByte(0x7D); break;
            case ValueKind.F64: WriteByte(0x7C); break;
            case ValueKind.V128: WriteByte(0x7B); break;
            default:
                if (type.Nullable && !type.Heap.IsConcrete)
                {
                    // The shorthand: funcref is 0x70, externref 0x6F, and so on.
                    WriteByte((byte)(type.Heap.Code + 0x80));
                }
                else
                {
                    WriteByte(type.Nullable ? (byte)0x63 : (byte)0x64);
                    WriteHeapType(type.Heap);
                }
                break;
        }
    }

    private void Grow(int needed)
    {
        var size = Math.Max(buffer.Length * 2, Length + needed);
        Array.Resize(ref buffer, size);
    }
}
