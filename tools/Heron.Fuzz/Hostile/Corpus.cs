using Heron.Text;
using Heron.Text.Script;

namespace Heron.Fuzz.Hostile;

/// <summary>Real modules to mutate: every module of the spec suite, the benchmark programs, and generated ones.</summary>
internal sealed class Corpus
{
    public List<byte[]> Small { get; } = new();

    public List<byte[]> Large { get; } = new();

    public static Corpus Load(string? sharedRoot, int generated, int seed)
    {
        var corpus = new Corpus();
        if (sharedRoot != null)
        {
            var spec = Path.Combine(sharedRoot, "wasm-testsuite", "2.0");
            if (Directory.Exists(spec))
            {
                foreach (var file in Directory.EnumerateFiles(spec, "*.wast").Order(StringComparer.Ordinal))
                    corpus.AddScript(File.ReadAllText(file));
            }
            var bench = Path.Combine(sharedRoot, "bench", "sightglass");
            if (Directory.Exists(bench))
            {
                foreach (var file in Directory.EnumerateFiles(bench, "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    corpus.Large.Add(File.ReadAllBytes(file));
            }
        }
        for (var i = 0; i < generated; i++) corpus.Small.Add(Generation.OwnGenerator.Generate(seed + i));
        return corpus;
    }

    /// <summary>The folder holding the shared test data (spec suite, benchmarks), if there is one.</summary>
    public static string? FindSharedRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HERON_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Heron.slnx")))
            {
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }

    private void AddScript(string text)
    {
        IReadOnlyList<ScriptCommand> commands;
        try
        {
            commands = WastParser.ParseScript(text);
        }
        catch (WasmException)
        {
            return;
        }
        foreach (var command in commands)
        {
            // Invalid and malformed modules are good seeds too: they sit right at the edge of acceptance.
            var module = command switch
            {
                ModuleCommand m => m.Module,
                AssertInvalidCommand a => a.Module,
                AssertMalformedCommand a when a.Module.Kind == ScriptModuleKind.Binary => a.Module,
                AssertUnlinkableCommand a => a.Module,
                AssertTrapCommand { Module: not null } a => a.Module,
                _ => null,
            };
            if (module == null) continue;
            try
            {
                Small.Add(module.Encode());
            }
            catch (WasmException)
            {
            }
        }
    }
}
