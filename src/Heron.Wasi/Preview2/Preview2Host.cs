using Heron.Wasi.Preview2.Sockets;

namespace Heron.Wasi.Preview2;

/// <summary>
/// The WASI 0.2 state of one <see cref="WasiContext"/>: the host objects behind every resource handle the
/// guest holds, one table (and so one resource type) per WIT resource. Files, clocks, random and the
/// standard streams are the context's, shared with preview 1.
/// </summary>
internal sealed class Preview2Host(WasiContext context)
{
    public WasiContext Context { get; } = context;

    public ResourceTable<HostError> Errors { get; } = new("error");
    public ResourceTable<HostPollable> Pollables { get; } = new("pollable");
    public ResourceTable<HostInputStream> InputStreams { get; } = new("input-stream");
    public ResourceTable<HostOutputStream> OutputStreams { get; } = new("output-stream");
    public ResourceTable<TerminalHandle> TerminalInputs { get; } = new("terminal-input");
    public ResourceTable<TerminalHandle> TerminalOutputs { get; } = new("terminal-output");
    public ResourceTable<FileDescriptor> Descriptors { get; } = new("descriptor");
    public ResourceTable<DirectoryEntryStream> DirectoryEntryStreams { get; } = new("directory-entry-stream");
    public SocketTables Sockets { get; } = ClosedWith(context, new SocketTables());

    /// <summary>The seed <c>insecure-seed</c> returns: drawn once, the same for every call, as the interface asks.</summary>
    public (ulong, ulong) InsecureSeed { get; } = DrawSeed(context);

    private static T ClosedWith<T>(WasiContext context, T closer) where T : IDisposable
    {
        context.Closers.Add(closer);
        return closer;
    }

    private static (ulong, ulong) DrawSeed(WasiContext context)
    {
        Span<byte> bytes = stackalloc byte[16];
        context.RandomSource(bytes);
        return (BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }
}

/// <summary>A terminal the guest's standard stream is attached to; WASI 0.2 gives it no operations yet.</summary>
internal sealed class TerminalHandle;
