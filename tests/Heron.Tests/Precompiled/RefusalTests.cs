using System.Text;

namespace Heron.Tests.Precompiled;

/// <summary>A precompiled module is refused, with a message naming why, wherever its code could not be right.</summary>
public sealed class RefusalTests
{
    private static readonly byte[] Artifact = new Engine().PrecompileModule(Encoding.UTF8.GetBytes(PrecompiledModules.Wat));

    [Theory]
    [InlineData("heron", "Heron build")]
    [InlineData("runtime", ".NET runtime")]
    [InlineData("platform", "platform")]
    [InlineData("isa", "processor instruction sets")]
    public void An_artifact_made_by_another_Heron_or_for_another_runtime_is_refused(string key, string named)
    {
        // The value's last character changed: as if written by another build of Heron, or for another runtime.
        var foreign = PrecompiledModules.WithManifestValue(Artifact, key, value => value[..^1] + (value[^1] == 'x' ? 'y' : 'x'));
        var error = Assert.Throws<PrecompiledModuleException>(() => Module.Deserialize(new Engine(), foreign));
        Assert.Contains(named, error.Message);
    }

    public static TheoryData<string, EngineConfig> OtherSettings => new()
    {
        { "fuel consumption", new EngineConfig { ConsumeFuel = true } },
        { "epoch interruption", new EngineConfig { EpochInterruption = true } },
        { "inlining", new EngineConfig { InlineFunctions = false } },
        { "WebAssembly features", new EngineConfig { Features = WasmFeatures.Wasm2 | WasmFeatures.TailCall } },
    };

    [Theory]
    [MemberData(nameof(OtherSettings))]
    public void An_artifact_compiled_with_other_settings_is_refused(string named, EngineConfig config)
    {
        var error = Assert.Throws<PrecompiledModuleException>(() => Module.Deserialize(new Engine(config), Artifact));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Settings_that_do_not_change_code_do_not_matter()
    {
        var engine = new Engine(new EngineConfig { CompileAhead = false, TieredJit = true, MaxWasmStack = 256 * 1024 });
        Assert.Equal(PrecompiledModules.Run(Module.FromText(new Engine(), PrecompiledModules.Wat), 7), PrecompiledModules.Run(Module.Deserialize(engine, Artifact), 7));
    }

    [Fact]
    public void A_WebAssembly_module_is_not_a_precompiled_module()
    {
        var wasm = Heron.Text.WatParser.ParseModule(PrecompiledModules.Wat, 1, 1, emitNames: true);
        var error = Assert.Throws<PrecompiledModuleException>(() => Module.Deserialize(new Engine(), wasm));
        Assert.Contains("not a precompiled module", error.Message);
    }

    [Fact]
    public void Another_NET_assembly_is_not_a_precompiled_module()
    {
        var assembly = File.ReadAllBytes(typeof(Module).Assembly.Location);
        var error = Assert.Throws<PrecompiledModuleException>(() => Module.Deserialize(new Engine(), assembly));
        Assert.Contains("not a precompiled module", error.Message);
    }

    [Fact]
    public void A_truncated_artifact_is_refused()
    {
        Assert.Throws<PrecompiledModuleException>(() => Module.Deserialize(new Engine(), Artifact.AsSpan(0, Artifact.Length / 3)));
    }

    [Fact]
    public void A_precompiled_module_is_refused_where_a_WebAssembly_module_is_expected()
    {
        var error = Assert.Throws<PrecompiledModuleException>(() => Module.FromBytes(new Engine(), Artifact));
        Assert.Contains("Module.Deserialize", error.Message);
        var path = Path.Combine(Path.GetTempPath(), $"heron-refusal-{Guid.NewGuid():N}.cwasm");
        File.WriteAllBytes(path, Artifact);
        try
        {
            Assert.Throws<PrecompiledModuleException>(() => Module.FromFile(new Engine(), path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
