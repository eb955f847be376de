using System.Buffers.Binary;
using System.Text;
using Heron.Wasi;

namespace Heron.Wasi.Tests.Core;

/// <summary>
/// A WASI context over a temporary preopened directory, with a plain byte array standing in for the guest's
/// linear memory and a bump allocator to place strings, iovecs and result slots in it.
/// </summary>
internal sealed class GuestHarness : IDisposable
{
    public const int Preopen = 3;
    private int next = 64;

    public GuestHarness(Action<WasiConfiguration>? configure = null, bool readOnly = false)
    {
        Root = Directory.CreateTempSubdirectory("heron-wasi-").FullName;
        Sandbox = Directory.CreateDirectory(Path.Combine(Root, "sandbox")).FullName;
        var configuration = new WasiConfiguration()
            .WithStandardInput(StandardInput)
            .WithStandardOutput(StandardOutput)
            .WithStandardError(StandardError)
            .PreopenDirectory(Sandbox, "/", readOnly);
        configure?.Invoke(configuration);
        Context = configuration.Build();
    }

    /// <summary>The temporary folder; the preopen is its <c>sandbox</c> subfolder, so escapes have somewhere to land.</summary>
    public string Root { get; }
    public string Sandbox { get; }
    public WasiContext Context { get; }
    public byte[] Memory { get; } = new byte[1 << 16];
    public MemoryStream StandardInput { get; } = new();
    public MemoryStream StandardOutput { get; } = new();
    public MemoryStream StandardError { get; } = new();

    public int Alloc(int size, int align = 8)
    {
        next = (next + align - 1) / align * align;
        int at = next;
        next += size;
        if (next > Memory.Length) throw new InvalidOperationException("harness memory exhausted");
        return at;
    }

    public (int Pointer, int Length) String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        int at = Alloc(bytes.Length, 1);
        bytes.CopyTo(Memory, at);
        return (at, bytes.Length);
    }

    public int Bytes(ReadOnlySpan<byte> value)
    {
        int at = Alloc(value.Length, 1);
        value.CopyTo(Memory.AsSpan(at));
        return at;
    }

    /// <summary>An iovec array describing the given (pointer, length) buffers.</summary>
    public int Iovecs(params (int Pointer, int Length)[] buffers)
    {
        int at = Alloc(buffers.Length * 8, 4);
        for (int i = 0; i < buffers.Length; i++)
        {
            WriteU32(at + i * 8, (uint)buffers[i].Pointer);
            WriteU32(at + i * 8 + 4, (uint)buffers[i].Length);
        }
        return at;
    }

    public uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Memory.AsSpan(at));
    public ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Memory.AsSpan(at));
    public ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Memory.AsSpan(at));
    public void WriteU32(int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Memory.AsSpan(at), value);
    public void WriteU64(int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Memory.AsSpan(at), value);
    public string Text(int at, int length) => Encoding.UTF8.GetString(Memory, at, length);

    // Short forms of the calls most tests make; each returns the errno.

    /// <summary>
    /// <c>path_open</c>. Without explicit rights it asks for all of them, less the writing ones when opening
    /// with <c>O_DIRECTORY</c>, as libc does: a directory opened for writing is <c>isdir</c>.
    /// </summary>
    public int Open(string path, out int fd, int openFlags = 0, ulong? rightsBase = null, ulong rightsInheriting = AllRights,
        int lookupFlags = 0, int fdFlags = 0, int directory = Preopen)
    {
        rightsBase ??= (openFlags & 2) != 0 ? AllRights & ~WritingRights : AllRights;
        var (p, n) = String(path);
        int result = Alloc(4);
        int errno = Context.Path.PathOpen(Memory, directory, lookupFlags, p, n, openFlags, (long)rightsBase.Value, (long)rightsInheriting, fdFlags, result);
        fd = errno == 0 ? (int)U32(result) : -1;
        return errno;
    }

    public int Write(int fd, string text, out int written)
    {
        var buffer = String(text);
        int iovs = Iovecs(buffer);
        int result = Alloc(4);
        int errno = Context.Fd.FdWrite(Memory, fd, iovs, 1, result);
        written = (int)U32(result);
        return errno;
    }

    public int Read(int fd, int capacity, out string text)
    {
        int buffer = Alloc(capacity, 1);
        int iovs = Iovecs((buffer, capacity));
        int result = Alloc(4);
        int errno = Context.Fd.FdRead(Memory, fd, iovs, 1, result);
        text = errno == 0 ? Text(buffer, (int)U32(result)) : "";
        return errno;
    }

    public int Mkdir(string path, int directory = Preopen)
    {
        var (p, n) = String(path);
        return Context.Path.PathCreateDirectory(Memory, directory, p, n);
    }

    public int Symlink(string contents, string path, int directory = Preopen)
    {
        var (c, cn) = String(contents);
        var (p, n) = String(path);
        return Context.Path.PathSymlink(Memory, c, cn, directory, p, n);
    }

    public int Unlink(string path, int directory = Preopen)
    {
        var (p, n) = String(path);
        return Context.Path.PathUnlinkFile(Memory, directory, p, n);
    }

    public int Rmdir(string path, int directory = Preopen)
    {
        var (p, n) = String(path);
        return Context.Path.PathRemoveDirectory(Memory, directory, p, n);
    }

    public int Rename(string from, string to, int directory = Preopen, int toDirectory = Preopen)
    {
        var (f, fn) = String(from);
        var (t, tn) = String(to);
        return Context.Path.PathRename(Memory, directory, f, fn, toDirectory, t, tn);
    }

    public int Stat(string path, out int filestat, int lookupFlags = 0, int directory = Preopen)
    {
        var (p, n) = String(path);
        filestat = Alloc(64);
        return Context.Path.PathFilestatGet(Memory, directory, lookupFlags, p, n, filestat);
    }

    /// <summary>The filetype byte of a <c>filestat</c> the harness placed.</summary>
    public byte FileType(int filestat) => Memory[filestat + 16];

    public const ulong AllRights = (1UL << 30) - 1;
    public const ulong WritingRights = (1UL << 0) | (1UL << 6) | (1UL << 8) | (1UL << 22);

    public void Dispose()
    {
        Context.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A failed cleanup of a temp folder must not fail the test that used it.
        }
    }
}
