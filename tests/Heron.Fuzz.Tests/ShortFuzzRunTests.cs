using Heron.Fuzz;
using Heron.Fuzz.Differential;
using Heron.Fuzz.Generation;
using Heron.Fuzz.Hostile;

namespace Heron.Fuzz.Tests;

/// <summary>The CI-sized fuzz runs, with fixed seeds so a failure reproduces with the same command-line seed.</summary>
public sealed class ShortFuzzRunTests
{
    [Fact]
    public void OwnGeneratorModulesBehaveAsInWasmtime()
    {
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 101, Cases = 150, Source = "own" }, TextWriter.Null);
        Assert.Equal(150, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
    }

    [Fact]
    public void BinaryenModulesBehaveAsInWasmtime()
    {
        if (!BinaryenGenerator.Available)
        {
            // CI installs binaryen (.ci/run); without it the own-generator run above still covers the engine.
            Console.WriteLine("wasm-opt (binaryen) not found: the binaryen differential run is skipped (apt-get install -y binaryen)");
            return;
        }
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 102, Cases = 100, Source = "binaryen" }, TextWriter.Null);
        Assert.Equal(100, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
    }

    [Fact]
    public void OwnGeneratorWasm3ModulesBehaveAsInWasmtime()
    {
        // Second memory (64-bit), tail calls, try_table and throw, extended constants, call_ref: both engines with 3.0 on.
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 104, Cases = 100, Source = "own", Features = FuzzFeatures.Wasm3 }, TextWriter.Null);
        Assert.Equal(100, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Agreed >= 90, $"too few cases compared: {stats}");
    }

    [Fact]
    public void BinaryenWasm3ModulesBehaveAsInWasmtime()
    {
        if (!BinaryenGenerator.IsAvailable(FuzzFeatures.Wasm3))
        {
            // .ci/run installs binaryen's npm package; without node or npm the own-generator 3.0 run above still runs.
            Console.WriteLine($"binaryen {BinaryenServer.Version} (npm) not found at {BinaryenServer.LauncherPath}: the binaryen 3.0 differential run is skipped");
            return;
        }
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 105, Cases = 40, Source = "binaryen", Features = FuzzFeatures.Wasm3 }, TextWriter.Null);
        Assert.Equal(40, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Agreed >= 30, $"too few cases compared: {stats}");
    }

    [Fact]
    public void BinaryenGcModulesBehaveAsInWasmtime()
    {
        var features = FuzzFeatures.Parse("wasm3,gc");
        if (!BinaryenGenerator.IsAvailable(features))
        {
            Console.WriteLine($"binaryen {BinaryenServer.Version} (npm) not found at {BinaryenServer.LauncherPath}: the binaryen GC differential run is skipped");
            return;
        }
        // Structs, arrays, i31, casts: every module imports log-anyref, which only the rewriting lets into Wasmtime's API.
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 106, Cases = 30, Source = "binaryen", Features = features }, TextWriter.Null);
        Assert.Equal(30, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Uncarried == 0 && stats.Agreed >= 28, $"too few cases compared: {stats}");
    }

    [Fact]
    public void OwnGeneratorGcModulesBehaveAsInWasmtime()
    {
        // Structs, a subtype, arrays, i31, casts and br_on_cast in GC-typed globals, compared through the gc-state export.
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 109, Cases = 80, Source = "own", Features = FuzzFeatures.Parse("wasm3,gc") }, TextWriter.Null);
        Assert.Equal(80, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Agreed >= 70, $"too few cases compared: {stats}");
    }

    [Fact]
    public void OwnGeneratorAtomicsAndWideArithmeticBehaveAsInWasmtime()
    {
        // A shared memory (compared through its exported digest), every atomic access kind, wait, notify, 128-bit arithmetic.
        var features = FuzzFeatures.Parse("wasm3,threads,wide-arithmetic");
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 107, Cases = 80, Source = "own", Features = features }, TextWriter.Null);
        Assert.Equal(80, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Agreed >= 70, $"too few cases compared: {stats}");
    }

    [Fact]
    public void BinaryenAtomicsModulesBehaveAsInWasmtime()
    {
        var features = FuzzFeatures.Parse("wasm3,threads,wide-arithmetic");
        if (!BinaryenGenerator.IsAvailable(features))
        {
            Console.WriteLine($"binaryen {BinaryenServer.Version} (npm) not found at {BinaryenServer.LauncherPath}: the binaryen threads differential run is skipped");
            return;
        }
        var stats = DifferentialCampaign.Run(new FuzzOptions { Seed = 108, Cases = 30, Source = "binaryen", Features = features }, TextWriter.Null);
        Assert.Equal(30, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
        Assert.True(stats.Agreed >= 28, $"too few cases compared: {stats}");
    }

    [Fact]
    public void HostileInputsNeverCrashOrHang()
    {
        var stats = HostileCampaign.Run(new FuzzOptions { Seed = 103, Cases = 20_000 }, TextWriter.Null);
        Assert.Equal(20_000, stats.Cases);
        Assert.True(stats.Failures.Count == 0, string.Join("\n", stats.Failures));
    }
}
