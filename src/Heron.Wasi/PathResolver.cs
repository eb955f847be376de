namespace Heron.Wasi;

/// <summary>
/// The sandbox. Resolves a guest path against a directory descriptor one component at a time, never
/// handing the host a path that contains "..", an absolute part or an unexamined symbolic link:
/// <list type="bullet">
/// <item>absolute paths, and ".." above the descriptor's own directory, are <c>perm</c>;</item>
/// <item>symbolic links met on the way are read and their targets spliced into the remaining path, so they
/// pass the same checks; an absolute target is <c>perm</c>; more than <see cref="MaxSymlinkExpansions"/>
/// links is <c>loop</c>;</item>
/// <item>the last component is followed only when the caller says so (lookup flags; opening and stat also
/// follow for a trailing slash, as POSIX does, while removal and renaming act on the link itself).</item>
/// </list>
/// The descriptor's directory is the boundary, as in Wasmtime: a descriptor opened on a subdirectory cannot
/// reach its parent even when both lie inside the preopen. A host that swaps a checked directory for a link
/// between the check and the use (a race) is outside what a path-based resolver can stop.
/// </summary>
internal static class PathResolver
{
    public const int MaxSymlinkExpansions = 40;
    public const int MaxPathLength = 4096;
    public const int MaxComponentLength = 255;

    public static ResolvedPath Resolve(FileDescriptor directory, string path, bool followFinal)
    {
        if (directory.Kind != DescriptorKind.Directory) throw new WasiErrnoException(WasiErrno.NotDir);
        if (path.Length == 0) throw new WasiErrnoException(WasiErrno.NoEnt);
        if (path.Contains('\0')) throw new WasiErrnoException(WasiErrno.Inval);
        if (path.Length > MaxPathLength) throw new WasiErrnoException(WasiErrno.NameTooLong);
        if (path[0] == '/') throw new WasiErrnoException(WasiErrno.Perm);

        bool trailingSlash = path[^1] == '/';
        string lastWritten = LastComponent(path);
        bool endsInDot = lastWritten is "." or "..";
        bool follow = followFinal;

        var pending = new Stack<string>();
        PushComponents(pending, path);
        var resolved = new List<string>();
        int expansions = 0;

        while (pending.Count > 0)
        {
            string component = pending.Pop();
            if (component == "..")
            {
                if (resolved.Count == 0) throw new WasiErrnoException(WasiErrno.Perm);
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            CheckComponent(component);
            bool isFinal = pending.Count == 0;
            string candidate = Join(directory.HostPath, resolved, component);
            if (!isFinal || follow)
            {
                var error = HostFileSystem.LStat(candidate, out var stat);
                if (error == WasiErrno.Success && stat.IsSymbolicLink)
                {
                    if (++expansions > MaxSymlinkExpansions) throw new WasiErrnoException(WasiErrno.Loop);
                    string target = ReadLink(candidate);
                    if (target.Length == 0) throw new WasiErrnoException(WasiErrno.NoEnt);
                    if (IsAbsolute(target)) throw new WasiErrnoException(WasiErrno.Perm);
                    PushComponents(pending, target);
                    continue;
                }
                if (!isFinal)
                {
                    if (error != WasiErrno.Success) throw new WasiErrnoException(error);
                    if (!stat.IsDirectory) throw new WasiErrnoException(WasiErrno.NotDir);
                }
            }
            resolved.Add(component);
        }

        return new ResolvedPath(Join(directory.HostPath, resolved, null), trailingSlash, resolved.Count == 0, endsInDot);
    }

    /// <summary>The raw target of a symbolic link, as the guest would see it from <c>path_readlink</c>.</summary>
    public static string ReadLink(string hostPath) =>
        new FileInfo(hostPath).LinkTarget ?? throw new WasiErrnoException(WasiErrno.Inval);

    /// <summary>True when a link target would leave the sandbox before any ".." is even looked at.</summary>
    public static bool IsAbsolute(string target) =>
        target[0] == '/' || (OperatingSystem.IsWindows() && (target[0] == '\\' || target.Contains(':')));

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (parts[i] != ".") pending.Push(parts[i]);
        }
    }

    private static void CheckComponent(string component)
    {
        if (component.Length > MaxComponentLength) throw new WasiErrnoException(WasiErrno.NameTooLong);
        // On Windows these would be separators or drive letters to the host: a way out, not a name.
        if (OperatingSystem.IsWindows() && component.AsSpan().IndexOfAny('\\', ':') >= 0)
            throw new WasiErrnoException(WasiErrno.Perm);
    }

    private static string LastComponent(string path)
    {
        var trimmed = path.AsSpan().TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return trimmed[(slash + 1)..].ToString();
    }

    private static string Join(string root, List<string> components, string? last)
    {
        if (components.Count == 0 && last is null) return root;
        var builder = new System.Text.StringBuilder(root.TrimEnd('/', Path.DirectorySeparatorChar));
        foreach (var component in components) builder.Append(Path.DirectorySeparatorChar).Append(component);
        if (last is not null) builder.Append(Path.DirectorySeparatorChar).Append(last);
        return builder.ToString();
    }
}
