using System.Buffers.Binary;
using System.Text;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// A linear memory. Its bytes live outside the GC heap at an address that never moves, even when it
/// grows. A shared memory (<see cref="MemoryType.Shared"/>, threads) belongs to no one store: modules
/// instantiated in other stores, on other threads, may import it and use it at the same time. The read and write helpers are little-endian and throw a <see cref="TrapException"/> ("out
/// of bounds memory access") outside the memory.
/// </summary>
public sealed unsafe class Memory : Extern
{
    internal Memory(LinearMemory memory, StoreRuntime owner)
    {
        Runtime = memory;
        Owner = memory.Type.Shared ? null : owner;
    }

    /// <summary>Creates a memory in a store, sized at the type's minimum.</summary>
    public Memory(Store store, MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(store);
        Runtime = store.CreateMemory(type);
        Owner = type.Shared ? null : store.Runtime;
    }

    internal LinearMemory Runtime { get; }

    /// <summary>The store the memory belongs to; null for a shared memory, which any store may import.</summary>
    internal override StoreRuntime? Owner { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Memory;

    /// <summary>The type: the current size as minimum, and the declared maximum.</summary>
    public MemoryType Type => Runtime.Type with { Limits = Runtime.CurrentLimits };

    /// <summary>The bytes of the memory (the first 2 GiB when it is larger).</summary>
    public Span<byte> Span => Runtime.Span;

    /// <summary>The size in bytes.</summary>
    public long Size => (long)Runtime.Length;

    /// <summary>The size in 64 KiB pages.</summary>
    public long Pages => (long)Runtime.Pages;

    /// <summary>Grows by <paramref name="deltaPages"/> pages; returns the old size in pages, or -1 when it cannot grow.</summary>
    public long Grow(long deltaPages) => deltaPages < 0 ? -1 : Runtime.Grow((ulong)deltaPages);

    /// <summary>The bytes from <paramref name="address"/> on, checked against the memory's size.</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        Check(address, length);
        return new Span<byte>(Runtime.Base + address, length);
    }

    /// <summary>
    /// <paramref name="length"/> values of <typeparamref name="T"/> from <paramref name="address"/> on,
    /// checked against the memory's size (Wasmtime's <c>GetSpan&lt;T&gt;</c>). WebAssembly memory is
    /// little-endian: multi-byte values read as stored only on a little-endian host.
    /// </summary>
    public Span<T> GetSpan<T>(long address, int length) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = (long)length * sizeof(T);
        if (bytes > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), "the span would exceed 2 GiB");
        Check(address, (int)bytes);
        return new Span<T>(Runtime.Base + address, length);
    }

    /// <summary>Reads a <typeparamref name="T"/> stored at <paramref name="address"/> (any alignment), as Wasmtime's <c>Read&lt;T&gt;</c>.</summary>
    public T Read<T>(long address) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Read<T>(GetSpan(address, sizeof(T)));

    /// <summary>Stores <paramref name="value"/> at <paramref name="address"/> (any alignment), as Wasmtime's <c>Write&lt;T&gt;</c>.</summary>
    public void Write<T>(long address, T value) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Write(GetSpan(address, sizeof(T)), in value);

    /// <summary>Reads a byte.</summary>
    public byte ReadByte(long address) => GetSpan(address, 1)[0];

    /// <summary>Reads a 16-bit integer.</summary>
    public short ReadInt16(long address) => BinaryPrimitives.ReadInt16LittleEndian(GetSpan(address, 2));

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Reads a 32-bit float.</summary>
    public float ReadSingle(long address) => BinaryPrimitives.ReadSingleLittleEndian(GetSpan(address, 4));

    /// <summary>Reads a 64-bit float.</summary>
    public double ReadDouble(long address) => BinaryPrimitives.ReadDoubleLittleEndian(GetSpan(address, 8));

    /// <summary>Writes a byte.</summary>
    public void WriteByte(long address, byte value) => GetSpan(address, 1)[0] = value;

    /// <summary>Writes a 16-bit integer.</summary>
    public void WriteInt16(long address, short value) => BinaryPrimitives.WriteInt16LittleEndian(GetSpan(address, 2), value);

    /// <summary>Writes a 32-bit integer.</summary>
    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Writes a 64-bit integer.</summary>
    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>Writes a 32-bit float.</summary>
    public void WriteSingle(long address, float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(address, 4), value);

    /// <summary>Writes a 64-bit float.</summary>
    public void WriteDouble(long address, double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(address, 8), value);

    /// <summary>Copies bytes out of the memory.</summary>
    public void Read(long address, Span<byte> destination) => GetSpan(address, destination.Length).CopyTo(destination);

    /// <summary>Copies bytes into the memory.</summary>
    public void Write(long address, ReadOnlySpan<byte> source) => source.CopyTo(GetSpan(address, source.Length));

    /// <summary>Decodes <paramref name="length"/> bytes of UTF-8 (or the given encoding) at <paramref name="address"/>.</summary>
    public string ReadString(long address, int length, Encoding? encoding = null) =>
        (encoding ?? Encoding.UTF8).GetString(GetSpan(address, length));

    /// <summary>Decodes a zero-terminated UTF-8 string starting at <paramref name="address"/>.</summary>
    public string ReadNullTerminatedString(long address)
    {
        Check(address, 0);
        var available = (long)Runtime.Length - address;
        var bytes = new ReadOnlySpan<byte>(Runtime.Base + address, (int)Math.Min(available, int.MaxValue));
        var end = bytes.IndexOf((byte)0);
        if (end < 0) TrapHelpers.MemoryOutOfBounds();
        return Encoding.UTF8.GetString(bytes[..end]);
    }

    /// <summary>Encodes <paramref name="value"/> as UTF-8 at <paramref name="address"/>; returns the byte count.</summary>
    public int WriteString(long address, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(value, GetSpan(address, count));
        return count;
    }

    private void Check(long address, int length)
    {
        if (address < 0 || length < 0 || (ulong)address + (ulong)length > Runtime.Length) TrapHelpers.MemoryOutOfBounds();
    }
}
