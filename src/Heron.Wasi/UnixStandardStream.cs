using System.Runtime.InteropServices;

namespace Heron.Wasi;

/// <summary>
/// Standard input, output or error of this process on Linux and macOS, read and written with
/// <c>read</c>(2) and <c>write</c>(2) on the descriptor itself. The console's streams
/// (<see cref="Console.OpenStandardOutput()"/>) set up the terminal before their first write (signal
/// handling, the terminfo database and <see cref="Console.Out"/> itself: about 5 ms of every
/// <c>heron run</c>'s start, measured), which the bytes of a WASI program never need. Like the console's,
/// and unlike a <see cref="FileStream"/> (which writes at offsets of its own), writes go through the
/// kernel's file offset, so two descriptors sharing one open file (<c>2&gt;&amp;1</c> into a file) append
/// in turn. Interrupted calls are retried and a non-blocking descriptor is waited for; any other failure
/// is an <see cref="IOException"/> carrying <c>errno</c> (EPIPE becomes WASI's <c>pipe</c>, as in Wasmtime).
/// </summary>
internal sealed partial class UnixStandardStream : Stream
{
    private const int Interrupted = 4; // EINTR, the same on Linux and macOS
    private const short ReadyToRead = 1, ReadyToWrite = 4; // POLLIN, POLLOUT

    private readonly int descriptor;
    private readonly bool writes;

    private UnixStandardStream(int descriptor, bool writes)
    {
        this.descriptor = descriptor;
        this.writes = writes;
    }

    /// <summary>
    /// The stream of descriptor <paramref name="descriptor"/> (0, 1 or 2), or null where these calls are not
    /// used (Windows, other systems) or the descriptor is not open: the caller then takes the console's.
    /// </summary>
    public static Stream? TryOpen(int descriptor)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        try
        {
            // A descriptor with nothing open comes back from poll marked POLLNVAL (0x20 on both systems).
            var probe = new PollDescriptor { Descriptor = descriptor };
            if (PollNative(ref probe, 1, 0) < 0 || (probe.Returned & 0x20) != 0) return null;
            return new UnixStandardStream(descriptor, writes: descriptor != 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether descriptor <paramref name="descriptor"/> is a terminal (WASI calls it a character device then).</summary>
    public static bool IsTerminal(int descriptor) => IsATerminal(descriptor) == 1;

    public override bool CanRead => !writes;
    public override bool CanWrite => writes;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Nothing is buffered: every write has reached the descriptor when it returns.</summary>
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (writes) throw new NotSupportedException("the stream is not readable");
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            var read = ReadNative(descriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (read >= 0) return (int)read;
            Retry(Marshal.GetLastPInvokeError(), ReadyToRead);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!writes) throw new NotSupportedException("the stream is not writable");
        while (!buffer.IsEmpty)
        {
            var written = WriteNative(descriptor, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (written >= 0) buffer = buffer[(int)written..];
            else Retry(Marshal.GetLastPInvokeError(), ReadyToWrite);
        }
    }

    /// <summary>After a failed call: returns to try again (interrupted; or would block, once the descriptor is ready), else throws.</summary>
    private void Retry(int error, short readiness)
    {
        if (error == Interrupted) return;
        // EAGAIN: 11 on Linux, 35 on macOS. The descriptor was left non-blocking by whoever shares it.
        if (error == (OperatingSystem.IsMacOS() ? 35 : 11))
        {
            var wait = new PollDescriptor { Descriptor = descriptor, Events = readiness };
            PollNative(ref wait, 1, -1);
            return;
        }
        throw new IOException($"{(writes ? "write" : "read")} on descriptor {descriptor} failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short Returned;
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteNative(int descriptor, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadNative(int descriptor, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollDescriptor descriptors, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATerminal(int descriptor);
}
