namespace Heron.Tests.Runtime;

public sealed class UnsupportedFeatureTests
{
    [Fact]
    public void V128ValuesPassThroughFunctionsAndGlobalsWithoutSimdInstructions()
    {
        var instance = Wasm.Instantiate("""
            (module
              (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
              (func (export "id") (param v128) (result v128) (local.get 0)))
            """);
        var value = instance.GetGlobal("g")!.Value;
        Assert.Equal(value.AsV128(), instance.Call("id", value)[0].AsV128());
    }

    [Fact]
    public void SixtyFourBitMemoriesAreRefusedWhenTheEngineLacksMemory64()
    {
        // A memory section with one memory of flags 0x04 (64-bit addresses), minimum 1 page.
        byte[] binary = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x04, 0x01];
        var wasm2 = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2 });
        Assert.ThrowsAny<WasmException>(() => Module.FromBytes(wasm2, binary));
        // Under 3.0 the same bytes are a one-page memory with 64-bit addresses.
        var wasm3 = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        Assert.Empty(Module.FromBytes(wasm3, binary).Exports);
        var exported = Module.FromText(wasm3, "(module (memory (export \"m\") i64 1))");
        var memory = new Linker(wasm3).Instantiate(new Store(wasm3), exported).GetMemory("m")!;
        Assert.Equal(1, memory.Pages);
    }
}
