namespace Heron.Wasi;

/// <summary><c>args_get</c>, <c>args_sizes_get</c>, <c>environ_get</c>, <c>environ_sizes_get</c>.</summary>
internal sealed class WasiArgsEnviron(WasiContext context)
{
    public int ArgsSizesGet(Span<byte> memory, int countPointer, int bufferSizePointer) =>
        SizesGet(memory, context.Arguments, countPointer, bufferSizePointer);

    public int ArgsGet(Span<byte> memory, int pointers, int buffer) =>
        Get(memory, context.Arguments, pointers, buffer);

    public int EnvironSizesGet(Span<byte> memory, int countPointer, int bufferSizePointer) =>
        SizesGet(memory, context.Environment, countPointer, bufferSizePointer);

    public int EnvironGet(Span<byte> memory, int pointers, int buffer) =>
        Get(memory, context.Environment, pointers, buffer);

    private static int SizesGet(Span<byte> memory, byte[][] strings, int countPointer, int bufferSizePointer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            long size = 0;
            foreach (var s in strings) size += s.Length + 1;
            guest.WriteU32(countPointer, (uint)strings.Length);
            guest.WriteU32(bufferSizePointer, (uint)size);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    /// <summary>Writes each string NUL-terminated into the buffer and its address into the pointer array.</summary>
    private static int Get(Span<byte> memory, byte[][] strings, int pointers, int buffer)
    {
        try
        {
            var guest = new GuestMemory(memory);
            uint at = (uint)buffer;
            for (int i = 0; i < strings.Length; i++)
            {
                var target = guest.Slice((int)at, strings[i].Length + 1);
                strings[i].CopyTo(target);
                target[^1] = 0;
                guest.WriteU32((int)((uint)pointers + (uint)i * 4), at);
                at += (uint)strings[i].Length + 1;
            }
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }
}
