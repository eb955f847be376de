namespace Heron.Bench.Suite;

/// <summary>Which programs a run measures: the sightglass set (every <c>.wasm</c> in its folders) and the files named on the command line.</summary>
internal static class ProgramCatalog
{
    /// <summary>
    /// Left out of <c>--quick</c>: each takes a second or more in Wasmtime itself (seqhash, ed25519, fib2,
    /// heapsort: see shared/bench/README.md), or is big enough that compiling it dominates a quick run.
    /// </summary>
    public static readonly IReadOnlySet<string> Slow = new HashSet<string>(StringComparer.Ordinal)
    {
        "shootout-seqhash", "shootout-ed25519", "shootout-fib2", "shootout-heapsort",
    };

    /// <summary>The GC programs (<c>.wat</c> with their expected output), copied beside the executable from <c>bench/Heron.Bench/Gc</c>.</summary>
    public static string GcFolder => Path.Combine(AppContext.BaseDirectory, "Gc");

    /// <summary>Every program of <see cref="GcFolder"/>, in name order.</summary>
    public static IEnumerable<string> GcPrograms() =>
        Directory.EnumerateFiles(GcFolder, "*.wat").Order(StringComparer.Ordinal);

    public static List<BenchProgram> Select(BenchOptions options, string? sightglassFolder)
    {
        var programs = new List<BenchProgram>();
        if (options.Sightglass && sightglassFolder != null)
        {
            programs.AddRange(Directory.EnumerateDirectories(sightglassFolder)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.wasm"))
                .Select(BenchProgram.FromFile)
                .Where(p => !options.Quick || !Slow.Contains(p.Name))
                .OrderBy(p => p.Name, StringComparer.Ordinal));
        }
        programs.AddRange(options.Files.Select(BenchProgram.FromFile));
        if (options.Filters.Count > 0)
            programs.RemoveAll(p => !options.Filters.Any(f => p.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));
        return programs;
    }
}
