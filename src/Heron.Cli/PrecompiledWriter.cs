namespace Heron.Cli;

/// <summary>
/// Writes a precompiled module's assembly to its file, with ReadyToRun code when crossgen2 can be had,
/// through a temporary file renamed into place: a reader (a concurrent run sharing the compiled-code
/// cache) sees the old file or the new one, never half of one.
/// </summary>
internal static class PrecompiledWriter
{
    /// <summary>
    /// Writes <paramref name="assembly"/> (CIL only) to <paramref name="path"/>, passed through
    /// <paramref name="finish"/> last if given; returns a note when it has no native code, else null.
    /// </summary>
    public static string? Write(byte[] assembly, string path, Func<byte[], byte[]>? finish = null)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        var cil = temporary + ".il.dll"; // crossgen2 takes only .dll and .exe inputs
        var native = temporary + ".r2r.dll";
        try
        {
            File.WriteAllBytes(cil, assembly);
            string? note = null;
            var (crossgen2, missing) = ReadyToRunCompiler.Find();
            if (crossgen2 is null) note = $"{missing}; wrote {path} with CIL only (the JIT compiles it when it runs)";
            else if (ReadyToRunCompiler.Compile(crossgen2, cil, native) is { } failure) note = $"{failure}; wrote {path} with CIL only";
            var written = note is null && File.Exists(native) ? native : cil;
            if (finish is not null) File.WriteAllBytes(written, finish(File.ReadAllBytes(written)));
            File.Move(written, full, overwrite: true);
            return note;
        }
        finally
        {
            File.Delete(cil);
            File.Delete(native);
        }
    }
}
