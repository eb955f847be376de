namespace Heron.Bench.Suite;

/// <summary>
/// One WASI command to measure: its display name, the .wasm file, the folder it runs in, and the expected
/// stdout and stderr when the benchmark set ships them (null when it does not).
/// </summary>
internal sealed record BenchProgram(
    string Name,
    string WasmPath,
    string? ExpectedStdoutPath,
    string? ExpectedStderrPath)
{
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(WasmPath))!;

    public string FileName => Path.GetFileName(WasmPath);

    /// <summary>
    /// The module's bytes; a <c>.wat</c> file is turned into them by Heron's text parser first, so both
    /// engines compile the very same binary and text parsing is timed in neither.
    /// </summary>
    public byte[] LoadBytes() =>
        WasmPath.EndsWith(".wat", StringComparison.OrdinalIgnoreCase)
            ? Heron.Text.WatParser.ParseModule(File.ReadAllText(WasmPath), 1, 1, emitNames: true)
            : File.ReadAllBytes(WasmPath);

    /// <summary>
    /// A program as the sightglass layout names it: <c>NAME.wasm</c> with <c>NAME.stdout.expected</c> and
    /// <c>NAME.stderr.expected</c> beside it; a <c>benchmark.wasm</c> takes its folder's name.
    /// </summary>
    public static BenchProgram FromFile(string wasmPath)
    {
        var full = Path.GetFullPath(wasmPath);
        var folder = Path.GetDirectoryName(full)!;
        var stem = Path.GetFileNameWithoutExtension(full);
        var name = stem == "benchmark" ? Path.GetFileName(folder) : stem;
        return new BenchProgram(name, full, Existing(folder, stem + ".stdout.expected"), Existing(folder, stem + ".stderr.expected"));
    }

    private static string? Existing(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : null;
    }
}
