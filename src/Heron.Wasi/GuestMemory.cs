using System.Buffers.Binary;
using System.Text;

namespace Heron.Wasi;

/// <summary>
/// Bounds-checked little-endian access to the guest's linear memory. Guest pointers and sizes are
/// unsigned 32-bit values that arrive as <see cref="int"/>; every access checks
/// <c>pointer + length &lt;= memory.Length</c> in 64-bit arithmetic so a wrap-around cannot pass.
/// </summary>
internal readonly ref struct GuestMemory
{
    private readonly Span<byte> memory;

    public GuestMemory(Span<byte> memory) => this.memory = memory;

    public int Length => memory.Length;

    /// <summary>The guest bytes at <paramref name="pointer"/>, or a fault when any of them is outside memory.</summary>
    public Span<byte> Slice(int pointer, int length)
    {
        ulong start = (uint)pointer, size = (uint)length;
        if (start + size > (ulong)memory.Length) throw new GuestFaultException();
        return memory.Slice((int)start, (int)size);
    }

    public byte ReadU8(int pointer) => Slice(pointer, 1)[0];
    public ushort ReadU16(int pointer) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(pointer, 2));
    public uint ReadU32(int pointer) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(pointer, 4));
    public ulong ReadU64(int pointer) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(pointer, 8));

    public void WriteU8(int pointer, byte value) => Slice(pointer, 1)[0] = value;
    public void WriteU16(int pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Slice(pointer, 2), value);
    public void WriteU32(int pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Slice(pointer, 4), value);
    public void WriteU64(int pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Slice(pointer, 8), value);

    /// <summary>
    /// A path or name the guest passes as pointer and length. Invalid UTF-8 is <c>ilseq</c> rather than a
    /// replacement character, so two different guest byte strings never name the same host file.
    /// </summary>
    public string ReadString(int pointer, int length)
    {
        var bytes = Slice(pointer, length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new WasiErrnoException(WasiErrno.Ilseq);
        }
    }

    /// <summary>The guest's <c>iovec</c>/<c>ciovec</c> array: 8 bytes each, buffer pointer then length.</summary>
    public int IovecCount(int iovs, int count)
    {
        // Checks the whole array once so a bad count faults before any byte moves.
        Slice(iovs, checked((int)Math.Min((long)(uint)count * 8, int.MaxValue)));
        return count;
    }

    public Span<byte> Iovec(int iovs, int index)
    {
        int at = iovs + index * 8;
        return Slice((int)ReadU32(at), (int)ReadU32(at + 4));
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
