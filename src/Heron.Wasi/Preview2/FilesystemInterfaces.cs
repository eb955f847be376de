using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// <c>wasi:filesystem/types</c> and <c>wasi:filesystem/preopens</c>. A descriptor is preview 1's
/// <see cref="FileDescriptor"/> and every path goes through <see cref="PathOperations"/>, so both
/// versions keep one sandbox: the same resolution, rights and errors (named as 0.2 names them).
/// </summary>
internal static class FilesystemInterfaces
{
    public static void Define(ComponentLinker linker, Preview2Host host)
    {
        var types = linker.Instance("wasi:filesystem/types@0.2.0");
        types.DefineResource("input-stream", host.InputStreams.Type);
        types.DefineResource("output-stream", host.OutputStreams.Type);
        types.DefineResource("error", host.Errors.Type);
        types.DefineResource("descriptor", host.Descriptors.Type);
        types.DefineResource("directory-entry-stream", host.DirectoryEntryStreams.Type);
        DefineDescriptor(types, host);
        types.DefineFunction("[method]directory-entry-stream.read-directory-entry", args => Guard(() =>
            host.DirectoryEntryStreams.Get(args[0]).Next() is { } entry
                ? ComponentValue.Some(ComponentValue.Record([("type", FilesystemValues.DescriptorType(entry.Type)), ("name", HostString.From(entry.Name))]))
                : ComponentValue.None));
        types.DefineFunction("filesystem-error-code", args =>
            host.Errors.Get(args[0]).Errno is { } errno ? ComponentValue.Some(ComponentValue.Enum(FilesystemErrorCode.From(errno))) : ComponentValue.None);

        linker.Instance("wasi:filesystem/preopens@0.2.0")
            .DefineResource("descriptor", host.Descriptors.Type)
            .DefineFunction("get-directories", _ => ComponentValue.List([.. host.Context.Preopens.Select(preopen =>
                ComponentValue.Tuple([host.Descriptors.New(FileDescriptor.ForPreopen(preopen)), HostString.From(preopen.GuestPath)]))]));
    }

    private static void DefineDescriptor(ComponentLinkerInstance types, Preview2Host host)
    {
        var table = host.Descriptors;
        void Method(string name, Func<FileDescriptor, IReadOnlyList<ComponentValue>, ComponentValue?> body) =>
            types.DefineFunction($"[method]descriptor.{name}", args => Guard(() => body(table.Get(args[0]), args)));

        Method("read-via-stream", (d, a) => host.InputStreams.New(new FileInput(Readable(d), Offset(a[1]))));
        Method("write-via-stream", (d, a) => host.OutputStreams.New(new FileOutput(Writable(d), Offset(a[1]), append: false)));
        Method("append-via-stream", (d, _) => host.OutputStreams.New(new FileOutput(Writable(d), 0, append: true)));
        // Advice is a hint: .NET has no posix_fadvise, and ignoring it is always correct.
        Method("advise", (d, _) => Done(() => d.RequireFile()));
        Method("sync-data", (d, _) => Sync(d));
        Method("sync", (d, _) => Sync(d));
        Method("get-flags", (d, _) => FilesystemValues.DescriptorFlags(d));
        Method("get-type", (d, _) => FilesystemValues.DescriptorType(d.FileType));
        Method("set-size", (d, a) =>
        {
            RandomAccess.SetLength(Writable(d).Handle!, Offset(a[1]));
            return null;
        });
        Method("set-times", (d, a) => Check(d.SetTimes(FilesystemValues.NewTimestamp(a[1]), FilesystemValues.NewTimestamp(a[2]))));
        Method("read", (d, a) => Read(Readable(d), a[1].AsU64(), Offset(a[2])));
        Method("write", (d, a) =>
        {
            var bytes = a[1].AsBytes().Span;
            RandomAccess.Write(Writable(d).Handle!, bytes, Offset(a[2]));
            return ComponentValue.U64((ulong)bytes.Length);
        });
        Method("read-directory", (d, _) =>
        {
            PathOperations.RequireDirectory(d, WasiRights.FdReaddir);
            return host.DirectoryEntryStreams.New(new DirectoryEntryStream(d.HostPath));
        });
        Method("stat", (d, _) => FilesystemValues.Stat(d.Stat()));

        Method("create-directory-at", (d, a) => Done(() => PathOperations.CreateDirectory(d, a[1].AsString())));
        Method("stat-at", (d, a) => FilesystemValues.Stat(PathOperations.Stat(d, a[2].AsString(), Follow(a[1]))));
        Method("set-times-at", (d, a) => Done(() => PathOperations.SetTimes(d, a[2].AsString(), Follow(a[1]),
            FilesystemValues.NewTimestamp(a[3]), FilesystemValues.NewTimestamp(a[4]))));
        Method("link-at", (d, a) => Done(() => PathOperations.Link(d, a[2].AsString(), Follow(a[1]), table.Get(a[3]), a[4].AsString())));
        Method("open-at", (d, a) =>
        {
            var (rights, fdFlags) = FilesystemValues.OpenRights(a[4]);
            return table.New(PathOperations.Open(d, a[2].AsString(), Follow(a[1]), FilesystemValues.OpenFlags(a[3]), rights, WasiRights.All, fdFlags));
        });
        Method("readlink-at", (d, a) => HostString.From(PathOperations.ReadLink(d, a[1].AsString())));
        Method("remove-directory-at", (d, a) => Done(() => PathOperations.RemoveDirectory(d, a[1].AsString())));
        Method("rename-at", (d, a) => Done(() => PathOperations.Rename(d, a[1].AsString(), table.Get(a[2]), a[3].AsString())));
        Method("symlink-at", (d, a) => Done(() => PathOperations.Symlink(a[1].AsString(), d, a[2].AsString())));
        Method("unlink-file-at", (d, a) => Done(() => PathOperations.UnlinkFile(d, a[1].AsString())));
        Method("metadata-hash", (d, _) => FilesystemValues.MetadataHash(d.Stat()));
        Method("metadata-hash-at", (d, a) => FilesystemValues.MetadataHash(PathOperations.Stat(d, a[2].AsString(), Follow(a[1]))));

        // is-same-object answers a bool, not a result: two descriptors of one file share device and inode.
        types.DefineFunction("[method]descriptor.is-same-object", args =>
        {
            try
            {
                var (a, b) = (table.Get(args[0]).Stat(), table.Get(args[1]).Stat());
                return ComponentValue.Bool(a.Device == b.Device && a.Inode == b.Inode);
            }
            catch (WasiErrnoException)
            {
                return ComponentValue.Bool(false);
            }
        });
    }

    /// <summary>Runs a file-system operation, answering <c>ok</c> with its value or <c>err(error-code)</c>.</summary>
    private static ComponentValue Guard(Func<ComponentValue?> operation)
    {
        try
        {
            return ComponentValue.Ok(operation());
        }
        catch (Exception e) when (e is not TrapException and not WasmException)
        {
            return ComponentValue.Error(ComponentValue.Enum(FilesystemErrorCode.From(ErrnoMapper.ToErrno(e))));
        }
    }

    private static ComponentValue? Done(Action action)
    {
        action();
        return null;
    }

    private static ComponentValue? Check(WasiErrno error) =>
        error == WasiErrno.Success ? null : throw new WasiErrnoException(error);

    private static ComponentValue? Sync(FileDescriptor descriptor)
    {
        if (descriptor.Kind == DescriptorKind.File) RandomAccess.FlushToDisk(descriptor.Handle!);
        return null;
    }

    private static bool Follow(ComponentValue pathFlags) => pathFlags.AsFlags().Contains("symlink-follow");

    /// <summary>A file offset; one past what the host's signed offsets hold is <c>file-too-large</c>.</summary>
    private static long Offset(ComponentValue offset)
    {
        ulong value = offset.AsU64();
        return value <= long.MaxValue ? (long)value : throw new WasiErrnoException(WasiErrno.Fbig);
    }

    /// <summary>A file opened for reading; anything else is <c>bad-descriptor</c>, as Wasmtime answers.</summary>
    private static FileDescriptor Readable(FileDescriptor descriptor)
    {
        descriptor.RequireFile();
        return (descriptor.RightsBase & WasiRights.FdRead) != 0 ? descriptor : throw new WasiErrnoException(WasiErrno.Badf);
    }

    private static FileDescriptor Writable(FileDescriptor descriptor)
    {
        descriptor.RequireFile();
        return (descriptor.RightsBase & WasiRights.FdWrite) != 0 ? descriptor : throw new WasiErrnoException(WasiErrno.Badf);
    }

    /// <summary><c>read</c>: up to <paramref name="length"/> bytes at <paramref name="offset"/>, and whether the end was reached.</summary>
    private static ComponentValue Read(FileDescriptor file, ulong length, long offset)
    {
        var buffer = new byte[(int)Math.Min(length, HostInputStream.MaxChunk)];
        int read = RandomAccess.Read(file.Handle!, buffer, offset);
        bool end = read < buffer.Length || (buffer.Length > 0 && offset + read >= RandomAccess.GetLength(file.Handle!));
        return ComponentValue.Tuple([ComponentValue.Bytes(buffer.AsSpan(0, read)), ComponentValue.Bool(end)]);
    }
}
