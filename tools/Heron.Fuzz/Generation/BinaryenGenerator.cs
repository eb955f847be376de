using System.Diagnostics;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Valid modules from random bytes through binaryen's translate-to-fuzz mode, de-NaN-ed (every float result
/// that is a NaN becomes 0), so that NaN bit patterns, which the spec leaves open, cannot reach results,
/// memory or logs. For 2.0 the installed wasm-opt (Debian's 108) runs, without reference types (binaryen 108
/// emits pre-standard typed function references for them, which 2.0 rejects). With 3.0 features the npm
/// package's wasm-opt runs (<see cref="BinaryenServer"/>); with GC its imports of anyref and non-null externref
/// are turned into definitions first (<see cref="GcImportDefiner"/>).
/// </summary>
internal static class BinaryenGenerator
{
    private static readonly string[] Wasm2Features =
    [
        "--mvp-features", "--enable-mutable-globals", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
        "--enable-multivalue", "--enable-bulk-memory", "--enable-simd",
    ];

    private static bool? available;

    /// <summary>Whether the wasm-opt that <paramref name="features"/> need runs here.</summary>
    public static bool IsAvailable(FuzzFeatures features) => features.IsWasm2 ? available ??= Probe() : BinaryenServer.Instance != null;

    /// <summary>Whether the 2.0 wasm-opt runs here.</summary>
    public static bool Available => IsAvailable(FuzzFeatures.Wasm2);

    public static byte[] Generate(int seed) => Generate(seed, FuzzFeatures.Wasm2);

    public static byte[] Generate(int seed, FuzzFeatures features)
    {
        var random = new Random(seed);
        var input = new byte[random.Next(512, 16 * 1024)];
        random.NextBytes(input);
        var inputPath = Path.Combine(Path.GetTempPath(), $"heron-fuzz-{Environment.ProcessId}-{seed}.bin");
        var outputPath = Path.ChangeExtension(inputPath, ".wasm");
        var textPath = Path.ChangeExtension(inputPath, ".wat");
        try
        {
            File.WriteAllBytes(inputPath, input);
            if (features.IsWasm2)
            {
                Check(seed, RunInstalled(["-ttf", inputPath, "-o", outputPath, "--denan", "-q", .. Wasm2Features]));
                return MemoryExporter.ExportAll(File.ReadAllBytes(outputPath));
            }
            var server = BinaryenServer.Instance!;
            if (features.Has("gc"))
            {
                // GC modules import what Wasmtime's .NET API cannot take: they are rewritten as text, then assembled.
                // The text is printed from the binary, not by -ttf itself: binaryen's IR has exact reference types,
                // which its printer writes and its binary writer (without custom descriptors) drops, and text with
                // them may not assemble again.
                Check(seed, server.Run(["-ttf", inputPath, "-o", outputPath, "--denan", "-q", .. features.BinaryenFlags()]));
                Check(seed, server.Run([outputPath, "-o", textPath, "-S", "-q", .. features.BinaryenFlags()]));
                File.WriteAllText(textPath, GcExportProbes.Add(GcImportDefiner.Rewrite(File.ReadAllText(textPath))));
                Check(seed, server.Run([textPath, "-o", outputPath, "-q", .. features.BinaryenFlags()]));
            }
            else
            {
                Check(seed, server.Run(["-ttf", inputPath, "-o", outputPath, "--denan", "-q", .. features.BinaryenFlags()]));
            }
            return MemoryExporter.ExportAll(ImportDefiner.DefineTags(File.ReadAllBytes(outputPath)));
        }
        finally
        {
            File.Delete(inputPath);
            File.Delete(outputPath);
            File.Delete(textPath);
        }
    }

    private static void Check(int seed, (int Status, string Errors) run)
    {
        if (run.Status != 0) throw new InvalidOperationException($"wasm-opt failed for seed {seed}: {run.Errors}");
    }

    private static (int Status, string Errors) RunInstalled(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("wasm-opt") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wasm-opt", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
