namespace Heron.Wasi.Preview2;

/// <summary>
/// The object behind a <c>directory-entry-stream</c>: the directory's entries as they were when it was
/// opened (without "." and "..", which WASI 0.2 leaves out), in ordinal order like preview 1's readdir.
/// </summary>
internal sealed class DirectoryEntryStream
{
    private readonly List<(string Name, WasiFileType Type)> entries;
    private int next;

    public DirectoryEntryStream(string hostPath)
    {
        var names = Directory.EnumerateFileSystemEntries(hostPath).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        entries = [.. names.Select(name => (name,
            HostFileSystem.LStat(Path.Join(hostPath, name), out var stat) == WasiErrno.Success ? stat.FileType : WasiFileType.Unknown))];
    }

    /// <summary>The next entry, or null after the last.</summary>
    public (string Name, WasiFileType Type)? Next() => next < entries.Count ? entries[next++] : null;
}
