using System.Text;
using System.Text.Json;

namespace Heron.Wasi.Tests.Suite;

/// <summary>
/// Runs one wasm32-wasip1 suite of the WASI test suite as the suite's README describes: the suite folder
/// (all but the read-only .wasm files) copied to a temporary folder first, each test run as a command with
/// its spec's arguments, environment and root preopen, stdout/stderr compared as prefixes, then the exit
/// code. Tests that Wasmtime's <c>expectations/wasmtime/linux.toml</c> lists are skipped.
/// </summary>
internal static class WasiTestsuiteRunner
{
    /// <summary>The suite's default is 5 s; compiling a 2 MB debug Rust binary to CIL takes part of that, so allow more.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(string Name, bool Passed, bool Skipped, string Detail);

    /// <summary>
    /// How a suite's programs are run: where the program for a test name is, and how it runs (returning the
    /// exit code); <see cref="Endings"/> replaces the spec's expectation for the tests that must end otherwise.
    /// </summary>
    public sealed record Variant(string Label, Func<string, string> ProgramPath, Func<Engine, string, WasiContext, int> Run,
        IReadOnlyDictionary<string, Ending> Endings);

    /// <summary>How a test must end instead of its spec's exit code: with <see cref="ExitCode"/>, or a trap when null.</summary>
    public sealed record Ending(int? ExitCode, string Why);

    /// <summary>The suite's own programs, core modules run by preview 1.</summary>
    public static Variant CoreModules(string language) => new("", name => ProgramOf(language, name), (engine, path, context) =>
    {
        var module = Module.FromFile(engine, path);
        using var store = new Store(engine);
        return WasiCommand.Run(new Linker(engine), store, module, context);
    }, new Dictionary<string, Ending>());

    public static string ProgramOf(string language, string name) =>
        Path.Combine(SharedData.WasiTestsuite, "tests", language, "testsuite", "wasm32-wasip1", name + ".wasm");

    public static IReadOnlyList<Result> RunSuite(string language, Action<string> log) => RunSuite(language, log, CoreModules(language));

    public static IReadOnlyList<Result> RunSuite(string language, Action<string> log, Variant variant)
    {
        string source = Path.Combine(SharedData.WasiTestsuite, "tests", language, "testsuite", "wasm32-wasip1");
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"WASI suite folder missing: {source}");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(source, "manifest.json")));
        string suiteName = manifest.RootElement.GetProperty("name").GetString()!;
        var expectations = Expectations.Parse(File.ReadAllText(Path.Combine(SharedData.WasiTestsuite, "expectations", "wasmtime", "linux.toml")));
        var skipped = expectations.GetValueOrDefault(suiteName) ?? [];

        string work = Directory.CreateTempSubdirectory($"heron-wasi-{language}-").FullName;
        try
        {
            CopyWithoutWasm(source, work);
            var engine = new Engine();
            var results = new List<Result>();
            foreach (var wasm in Directory.GetFiles(source, "*.wasm").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(wasm);
                var result = skipped.Contains(name)
                    ? new Result(name, false, true, "listed in expectations/wasmtime/linux.toml")
                    : RunOne(engine, variant, work, name);
                results.Add(result);
                log($"{(result.Skipped ? "SKIP" : result.Passed ? "PASS" : "FAIL")} {language}/{name}{(result.Passed ? "" : ": " + result.Detail)}");
            }
            log($"{suiteName}{variant.Label}: {results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed && !r.Skipped)} failed, {results.Count(r => r.Skipped)} skipped, {results.Count} total");
            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; a failed cleanup must not hide the results.
            }
        }
    }

    private static Result RunOne(Engine engine, Variant variant, string work, string name)
    {
        string wasmPath = variant.ProgramPath(name);
        string specPath = Path.Combine(work, name + ".json");
        var spec = File.Exists(specPath) ? TestSpec.Parse(File.ReadAllText(specPath)) : TestSpec.Default;
        string? root = spec.Root is null ? null : Path.Combine(work, spec.Root);
        if (root is not null) RemoveCleanupFiles(root);

        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var configuration = new WasiConfiguration()
            .WithArguments([wasmPath, .. spec.Args])
            .WithStandardInput(new MemoryStream())
            .WithStandardOutput(stdout)
            .WithStandardError(stderr);
        foreach (var (key, value) in spec.Env) configuration.WithEnvironmentVariable(key, value);
        if (root is not null) configuration.PreopenDirectory(root, "/");

        int exitCode = -1;
        Exception? failure = null;
        using (var context = configuration.Build())
        {
            // A thread of our own: generous stack for deep guest recursion, and a run we can stop waiting for.
            var thread = new Thread(() =>
            {
                try
                {
                    exitCode = variant.Run(engine, wasmPath, context);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, 64 * 1024 * 1024) { IsBackground = true, Name = $"wasi-test {name}" };
            thread.Start();
            if (!thread.Join(Timeout)) return new Result(name, false, false, $"timed out after {Timeout.TotalSeconds} s");
        }
        if (root is not null) RemoveCleanupFiles(root);

        if (variant.Endings.TryGetValue(name, out var ending))
        {
            bool ended = ending.ExitCode is { } code ? failure is null && exitCode == code : failure is TrapException;
            return ended ? new Result(name, true, false, "")
                : new Result(name, false, false, $"expected {(ending.ExitCode is { } c ? $"exit code {c}" : "a trap")} ({ending.Why}), got "
                    + (failure is not null ? $"{failure.GetType().Name}: {failure.Message}" : $"exit code {exitCode}") + $" | stderr: {Tail(stderr)}");
        }
        if (failure is not null) return new Result(name, false, false, $"{failure.GetType().Name}: {failure.Message} | stderr: {Tail(stderr)}");
        if (spec.Stdout is { } expectedOut && !Encoding.UTF8.GetString(stdout.ToArray()).StartsWith(expectedOut, StringComparison.Ordinal))
            return new Result(name, false, false, $"stdout {Quote(stdout)} does not start with {expectedOut}");
        if (spec.Stderr is { } expectedErr && !Encoding.UTF8.GetString(stderr.ToArray()).StartsWith(expectedErr, StringComparison.Ordinal))
            return new Result(name, false, false, $"stderr {Quote(stderr)} does not start with {expectedErr}");
        if (exitCode != spec.ExitCode)
            return new Result(name, false, false, $"exit code {exitCode}, expected {spec.ExitCode} | stderr: {Tail(stderr)}");
        return new Result(name, true, false, "");
    }

    private static string Quote(MemoryStream stream) => JsonSerializer.Serialize(Encoding.UTF8.GetString(stream.ToArray()));

    private static string Tail(MemoryStream stream)
    {
        string text = Encoding.UTF8.GetString(stream.ToArray()).Trim();
        return text.Length > 400 ? "..." + text[^400..] : text;
    }

    private static void CopyWithoutWasm(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".wasm", StringComparison.Ordinal)) continue;
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>Removes the <c>*.cleanup</c> files, folders and links a test (or an earlier failed run) left behind.</summary>
    private static void RemoveCleanupFiles(string root)
    {
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.TopDirectoryOnly))
        {
            bool isLink = entry.LinkTarget is not null;
            if (entry.Name.EndsWith(".cleanup", StringComparison.Ordinal))
            {
                if (entry is DirectoryInfo directory && !isLink) directory.Delete(recursive: true);
                else entry.Delete();
            }
            else if (entry is DirectoryInfo directory && !isLink)
            {
                RemoveCleanupFiles(directory.FullName);
            }
        }
    }
}
