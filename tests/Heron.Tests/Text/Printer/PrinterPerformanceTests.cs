using System.Diagnostics;
using Heron.Binary;
using Heron.Text;
using Xunit.Abstractions;

namespace Heron.Tests.Text.Printer;

public sealed class PrinterPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void A_megabyte_module_prints_well_under_a_second()
    {
        var root = SharedData.Root is { } shared ? Path.Combine(shared, "bench", "sightglass") : null;
        if (root == null || !Directory.Exists(root)) throw new Xunit.Sdk.XunitException("The sightglass programs were not found under shared/bench/sightglass.");
        foreach (var name in new[] { "hashset/benchmark.wasm", "rust-compression/benchmark.wasm", "tinygo/tinygo-json.wasm", "shootout/shootout-switch.wasm" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, name));
            var module = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
            WatPrinter.Print(module, TextWriter.Null); // warm up the JIT, as a long-running tool would be
            var watch = Stopwatch.StartNew();
            var writer = new StringWriter();
            WatPrinter.Print(module, writer);
            watch.Stop();
            output.WriteLine($"{name}: {bytes.Length / 1024} KiB printed as {writer.GetStringBuilder().Length / 1024} KiB of text in {watch.ElapsedMilliseconds} ms");
            // The machine is shared with builds and benchmarks: the bound leaves room for them, not for a slow printer.
            if (bytes.Length >= 1 << 20) Assert.True(watch.ElapsedMilliseconds < 1000, $"{name} took {watch.ElapsedMilliseconds} ms");
        }
    }
}
