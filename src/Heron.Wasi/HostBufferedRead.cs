using Microsoft.Win32.SafeHandles;

namespace Heron.Wasi;

/// <summary>
/// Reads a file into guest memory through a small buffer of the host's, chunk by chunk, instead of handing
/// the guest's bytes to <c>pread</c>(2), which is what Wasmtime's WASI does too. A guest reads large files
/// into memory it has just grown, whose pages nobody has touched yet. Given to the kernel, those pages are
/// first touched by the kernel's copy, one fault inside the system call per page; measured on the
/// project's machine (a paravirtualised x64 guest), the guest's own reads of those bytes afterwards ran
/// ~40x slower (3.1 MB: 4.0 ms against 0.1 ms, a cache miss per 64 bytes that no prefetch hid; sightglass
/// blake3-scalar's run 9.4 ms against 4.7 ms), and the read itself slower too. Copying from the host's
/// buffer touches the pages from user code, as any guest store would. The copy costs what a
/// <c>memcpy</c> from a buffer in the cache costs, ~0.1 ms per 3 MB.
/// </summary>
internal static class HostBufferedRead
{
    /// <summary>Large enough that a big read takes few system calls, small enough to stay in the core's cache.</summary>
    private const int ChunkBytes = 64 * 1024;

    [ThreadStatic] private static byte[]? chunk;

    /// <summary>
    /// Reads up to <paramref name="destination"/>'s length from <paramref name="file"/> at
    /// <paramref name="position"/>, as one <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>
    /// would: fewer bytes only at the end of the file.
    /// </summary>
    public static int FromFile(SafeFileHandle file, Span<byte> destination, long position)
    {
        var buffer = chunk ??= new byte[ChunkBytes];
        int total = 0;
        while (total < destination.Length)
        {
            int wanted = Math.Min(buffer.Length, destination.Length - total);
            int read = RandomAccess.Read(file, buffer.AsSpan(0, wanted), position + total);
            buffer.AsSpan(0, read).CopyTo(destination[total..]);
            total += read;
            if (read < wanted) break;
        }
        return total;
    }
}
