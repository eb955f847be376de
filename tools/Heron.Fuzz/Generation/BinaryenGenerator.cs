using System.Diagnostics;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Valid modules from random bytes through binaryen's translate-to-fuzz mode, restricted to WebAssembly 2.0 and
/// without reference types (binaryen 108 emits typed function references for them, which 2.0 rejects), and
/// de-NaN-ed (every float result that is a NaN becomes 0), so that NaN bit patterns, which the spec leaves
/// open, cannot reach results, memory or logs.
/// </summary>
internal static class BinaryenGenerator
{
    private static readonly string[] Features =
    [
        "--mvp-features", "--enable-mutable-globals", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
        "--enable-multivalue", "--enable-bulk-memory", "--enable-simd",
    ];

    private static bool? available;

    /// <summary>Whether wasm-opt runs here.</summary>
    public static bool Available => available ??= Probe();

    public static byte[] Generate(int seed)
    {
        var random = new Random(seed);
        var input = new byte[random.Next(512, 16 * 1024)];
        random.NextBytes(input);
        var inputPath = Path.Combine(Path.GetTempPath(), $"heron-fuzz-{Environment.ProcessId}-{seed}.bin");
        var outputPath = Path.ChangeExtension(inputPath, ".wasm");
        try
        {
            File.WriteAllBytes(inputPath, input);
            var info = new ProcessStartInfo("wasm-opt") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in (string[])["-ttf", inputPath, "-o", outputPath, "--denan", "-q", .. Features]) info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"wasm-opt failed for seed {seed}: {errors}");
            return File.ReadAllBytes(outputPath);
        }
        finally
        {
            File.Delete(inputPath);
            File.Delete(outputPath);
        }
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
