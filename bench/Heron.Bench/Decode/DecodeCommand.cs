using System.Diagnostics;
using Heron.Binary;
using Heron.Validation;

namespace Heron.Bench.Decode;

/// <summary>
/// <c>Heron.Bench decode [--size-mb N] [--runs N]</c>: decoding + validation throughput on a synthetic
/// module of N MB (20 by default) and on the sightglass modules, as medians in MB/s. Compilation is
/// not included: this is the front end alone.
/// </summary>
internal static class DecodeCommand
{
    public static int Run(string[] args)
    {
        int sizeMb = 20, runs = 7;
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--size-mb") sizeMb = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--runs") runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
        }

        var synthetic = SyntheticModule.Build(sizeMb * 1_000_000);
        Console.WriteLine($"synthetic module: {synthetic.Length / 1e6:F1} MB");
        Report("synthetic", synthetic, runs);

        var shared = Suite.SharedFolder.Find();
        if (shared == null) return 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(shared, "bench", "sightglass"), "*.wasm", SearchOption.AllDirectories).Order())
        {
            var bytes = File.ReadAllBytes(file);
            try
            {
                ModuleValidator.Validate(ModuleDecoder.Decode(bytes, WasmFeatures.Wasm2), WasmFeatures.Wasm2);
            }
            catch (WasmException)
            {
                continue; // the truncated files of the set
            }
            Report(Path.GetRelativePath(Path.Combine(shared, "bench", "sightglass"), file), bytes, runs);
        }
        return 0;
    }

    private static void Report(string name, byte[] bytes, int runs)
    {
        var first = Stopwatch.StartNew();
        DecodeAndValidate(bytes);
        var cold = first.Elapsed.TotalSeconds;
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            DecodeAndValidate(bytes);
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        var median = times[runs / 2];
        var megabytes = bytes.Length / 1e6;
        Console.WriteLine($"{name,-40} {megabytes,7:F2} MB  median {megabytes / median,8:F0} MB/s  first run {megabytes / cold,8:F0} MB/s");
    }

    private static void DecodeAndValidate(byte[] bytes) =>
        ModuleValidator.Validate(ModuleDecoder.Decode(bytes, WasmFeatures.Wasm2), WasmFeatures.Wasm2);
}
