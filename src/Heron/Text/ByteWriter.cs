using System.Text;

namespace Heron.Text;

/// <summary>A growable byte buffer with the primitives of the binary format (LEB128, names, vectors).</summary>
internal sealed class ByteWriter
{
    private byte[] buffer = new byte[64];

    public int Length { get; private set; }

    public void Byte(int value)
    {
        if (Length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        buffer[Length++] = (byte)value;
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + bytes.Length));
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Bytes(ByteWriter other) => Bytes(other.AsSpan());

    public void U32(uint value) => U64(value);

    public void U64(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            Byte(b);
        }
        while (value != 0);
    }

    public void S32(int value) => S64(value);

    public void S64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            Byte(b);
            if (done) return;
        }
    }

    public void Name(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        U32((uint)bytes.Length);
        Bytes(bytes);
    }

    public void UInt32LittleEndian(uint value)
    {
        for (var i = 0; i < 4; i++) Byte((byte)(value >> (8 * i)));
    }

    public void UInt64LittleEndian(ulong value)
    {
        for (var i = 0; i < 8; i++) Byte((byte)(value >> (8 * i)));
    }

    /// <summary>Appends <paramref name="body"/> preceded by its length, as sections and function bodies are.</summary>
    public void Sized(ByteWriter body)
    {
        U32((uint)body.Length);
        Bytes(body);
    }

    public void Clear() => Length = 0;

    public ReadOnlySpan<byte> AsSpan() => buffer.AsSpan(0, Length);

    public byte[] ToArray() => AsSpan().ToArray();
}
