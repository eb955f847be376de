using Heron.Cli;

namespace Heron.Tests.Api;

/// <summary>
/// <see cref="EngineConfig.TieredJit"/>: code the runtime may tier lives in an assembly that is never
/// unloaded (the runtime tiers no collectible code); every other engine's code stays collectible. The
/// <c>heron</c> command turns it on unless told <c>-C tiered=n</c>.
/// </summary>
public sealed class TieredJitTests
{
    private const string Wat = """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""";

    [Theory]
    [InlineData(CompileStrategy.Ahead, false, true)]
    [InlineData(CompileStrategy.Ahead, true, false)]
    [InlineData(CompileStrategy.Lazy, false, true)]
    [InlineData(CompileStrategy.Lazy, true, false)]
    public void Only_tiered_code_is_kept_for_the_life_of_the_process(CompileStrategy strategy, bool tiered, bool collectible)
    {
        var engine = new Engine(new EngineConfig { Strategy = strategy, TieredJit = tiered });
        var module = Module.FromText(engine, Wat);
        Assert.Equal(collectible, module.Compiled.Type.Assembly.IsCollectible);
        var add = new Linker(engine).Instantiate(new Store(engine), module).GetFunction<int, int, int>("add")!;
        Assert.Equal(5, add(2, 3));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_function_too_big_for_the_JIT_to_optimise_is_compiled_once_not_tiered(bool tiered, bool once)
    {
        // Kept whole: tiered code would split this body (88 KB, over SplitLimits.Huge's 64 KB) instead; what is
        // checked here holds for the bodies under that, from about 15 KB (40,000 bytes of CIL).
        var module = Module.FromText(new Engine(new EngineConfig { TieredJit = tiered, Split = Heron.Compilation.SplitLimits.Never }), BigModule);
        var flags = module.Compiled.Methods.Select(m => m.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization)).ToArray();
        Assert.Equal(once, flags[0]);
        Assert.False(flags[1]);
    }

    [Fact]
    public void A_precompiled_module_keeps_every_function_in_its_native_code()
    {
        // AggressiveOptimization would leave the big function out of the ReadyToRun code heron compile adds.
        var engine = new Engine(new EngineConfig { TieredJit = true });
        var artifact = engine.PrecompileModule(Heron.Text.WatParser.ParseModule(BigModule, 1, 1, emitNames: true));
        using var image = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(artifact));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(image);
        var methods = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).ToArray();
        Assert.Contains(methods, m => metadata.GetString(m.Name) == "f0");
        Assert.DoesNotContain(methods, m => m.ImplAttributes.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
        var module = Module.Deserialize(engine, artifact);
        var big = new Linker(engine).Instantiate(new Store(engine), module).GetFunction<int, int>("big")!;
        Assert.Equal(0, big(1)); // 7 xor-ed in an even number of times
    }

    private static string BigModule =>
        $"(module (func (export \"big\") (param i32) (result i32) (local i32) {string.Concat(Enumerable.Repeat("(local.set 1 (i32.xor (local.get 1) (i32.mul (local.get 0) (i32.const 7))))", 8_000))} (local.get 1)) {Wat[8..^1]})";

    [Theory]
    [InlineData(new[] { "hello.wasm" }, true)]
    [InlineData(new[] { "-C", "tiered=y", "hello.wasm" }, true)]
    [InlineData(new[] { "-C", "tiered=n", "hello.wasm" }, false)]
    public void Heron_run_tiers_unless_told_not_to(string[] arguments, bool tiered)
    {
        var (options, error) = RunOptionsParser.Parse(arguments);
        Assert.Null(error);
        Assert.Equal(tiered, CodegenSettings.ToConfig(options!).TieredJit);
    }
}
