using System.CommandLine;
using Heron.Components.Wast;
using Heron.Wast;

namespace Heron.Cli;

/// <summary><c>heron wast FILE|DIR...</c>: runs WebAssembly spec scripts and prints their counts.</summary>
internal static class WastCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = ".wast files, or folders searched for them", Arity = ArgumentArity.OneOrMore };
        var features = new Option<string?>("--features") { Description = "wasm2 or wasm3 (default: wasm3 for scripts under a 3.0 folder or a folder of Wasmtime's scripts, else wasm2); a script's own ';;! feature = true' lines enable more" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "print every failure, not only the first ones of each script" };
        var command = new Command("wast", "Run WebAssembly spec test scripts (.wast)") { paths, features, verbose };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(features), parse.GetValue(verbose), Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string? features, bool verbose, TextWriter output)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
            {
                Console.Error.WriteLine($"heron wast: no such file or folder: {path}");
                return 1;
            }
        }

        var runners = new Dictionary<WasmFeatures, WastRunner>();
        int passed = 0, failed = 0, skipped = 0;
        foreach (var file in files)
        {
            var featureSet = ChooseFeatures(file, features);
            WastScriptResult result;
            // A script about components goes to the component runner; its core modules get 3.0.
            if (ComponentWastRunner.IsComponentScript(File.ReadAllText(file)))
            {
                result = new ComponentWastRunner(featureSet | WasmFeatures.Wasm3).RunFile(file);
            }
            else
            {
                if (!runners.TryGetValue(featureSet, out var runner)) runners[featureSet] = runner = new WastRunner(featureSet);
                result = runner.RunFile(file);
            }
            output.WriteLine(result);
            var shown = verbose ? result.Failures : result.Failures.Take(10);
            foreach (var failure in shown) output.WriteLine("  " + failure);
            if (!verbose && result.Failures.Count > 10) output.WriteLine($"  ... and {result.Failures.Count - 10} more (--verbose shows all)");
            foreach (var skippedCommand in verbose ? result.SkippedCommands : result.SkippedCommands.Take(3)) output.WriteLine("  skipped: " + skippedCommand);
            passed += result.Passed;
            failed += result.Failed;
            skipped += result.Skipped;
        }
        output.WriteLine($"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
        return failed == 0 ? 0 : 1;
    }

    private static WasmFeatures ChooseFeatures(string file, string? requested) => requested?.ToLowerInvariant() switch
    {
        "wasm2" or "2.0" => WasmFeatures.Wasm2,
        "wasm3" or "3.0" => WasmFeatures.Wasm3,
        _ => DefaultFeatures(Path.GetFullPath(file).Split(Path.DirectorySeparatorChar)),
    };

    /// <summary>
    /// The threads proposal's own scripts (<c>proposals/threads</c>) are written against 1.0 and the small
    /// proposals of its time: one table, one memory, 32-bit limits, so reference types (several tables),
    /// multiple memories and memory64 stay off for them.
    /// </summary>
    internal const WasmFeatures ThreadsProposalFeatures = (WasmFeatures.Wasm2 & ~WasmFeatures.ReferenceTypes) | WasmFeatures.Threads;

    private static bool IsThreadsProposal(string[] folders)
    {
        var at = Array.IndexOf(folders, "proposals");
        return at >= 0 && at + 1 < folders.Length && folders[at + 1] == "threads";
    }

    /// <summary>
    /// 3.0 under a 3.0 folder or a folder of Wasmtime's scripts (whose engine enables 3.0 by default; a
    /// script's own ";;!" lines add what it needs beyond that), else 2.0; a proposal's folder adds the
    /// proposal (custom page sizes, wide arithmetic), and 3.0's <c>legacy</c> folder the legacy exception instructions.
    /// </summary>
    private static WasmFeatures DefaultFeatures(string[] folders)
    {
        var features = folders.Any(part => part == "3.0" || part.Contains("wasmtime", StringComparison.OrdinalIgnoreCase))
            ? WasmFeatures.Wasm3 : WasmFeatures.Wasm2;
        if (folders.Contains("custom-page-sizes")) features |= WasmFeatures.Wasm3 | WasmFeatures.CustomPageSizes;
        if (folders.Contains("wide-arithmetic")) features |= WasmFeatures.Wasm3 | WasmFeatures.WideArithmetic;
        if (folders.Contains("legacy")) features |= WasmFeatures.LegacyExceptions;
        if (IsThreadsProposal(folders)) features = ThreadsProposalFeatures;
        return features;
    }
}
