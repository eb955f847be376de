using Heron.Fuzz.Differential;
using Heron.Fuzz.Generation;
using Heron.Text;

namespace Heron.Fuzz.Tests;

/// <summary>The rewrites that let binaryen's 3.0 modules into Wasmtime's .NET API, and the feature switches.</summary>
public sealed class ModuleRewritingTests
{
    private static readonly Engine Wasm3 = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    [Fact]
    public void TagImportsBecomeDefinitionsWithTheSameIndices()
    {
        var wasm = WatParser.ParseModule("""
            (module
              (import "fuzzing-support" "log-i32" (func $log (param i32)))
              (import "fuzzing-support" "wasmtag" (tag $imported (param i32)))
              (import "__fuzz_import" "g" (global $g i32))
              (tag $own (param i64))
              (func (export "f") (param i32) (result i32)
                (block $caught (result i32)
                  (try_table (catch $imported $caught) (throw $imported (local.get 0)))
                  (i32.const -1))))
            """);
        var module = Module.FromBytes(Wasm3, ImportDefiner.DefineTags(wasm));

        Assert.DoesNotContain(module.Imports, i => i.Kind == ExternKind.Tag);
        Assert.Contains(module.Imports, i => i.Kind == ExternKind.Global);
        using var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        linker.DefineFunction("fuzzing-support", "log-i32", new FunctionType([ValueType.I32], []), (_, _) => []);
        linker.Define("__fuzz_import", "g", new Global(store, new GlobalType(ValueType.I32, false), Value.I32(0)));
        var instance = linker.Instantiate(store, module);
        // The throw still names the tag the catch clause names: tag 0 kept its index.
        Assert.Equal(7, instance.GetFunction("f")!.Invoke(Value.I32(7))[0].AsI32());
    }

    [Fact]
    public void ExportsOfTypesWasmtimeCannotWrapAreStripped()
    {
        var wasm = WatParser.ParseModule("""
            (module
              (global (export "numbers") i32 (i32.const 1))
              (global (export "exn") exnref (ref.null exn))
              (func (export "returns-exnref") (result exnref) (ref.null exn))
              (func (export "plain") (param funcref externref) (result i64) (i64.const 2)))
            """);
        var shape = WasmtimeInterface.Inspect(wasm, WasmFeatures.Wasm3)!;
        Assert.True(shape.ImportsCarried);
        Assert.Equal([1, 2], shape.UncarriedExports.Order());

        var module = Module.FromBytes(Wasm3, ExportStripper.Strip(wasm, shape.UncarriedExports));
        Assert.Equal(["numbers", "plain"], module.Exports.Select(e => e.Name));
    }

    [Fact]
    public void AnImportOfAnyrefIsNamed()
    {
        var wasm = WatParser.ParseModule("""(module (import "fuzzing-support" "log-anyref" (func (param anyref))))""");
        Assert.Equal("fuzzing-support.log-anyref", WasmtimeInterface.Inspect(wasm, WasmFeatures.Wasm3)!.UncarriedImport);
    }

    [Fact]
    public void OnlyGcInstructionRefusalsAreSkipped()
    {
        Assert.True(GcInstructions.IsUncompiled("the instruction struct.new is not supported by the compiler yet"));
        Assert.True(GcInstructions.IsUncompiled("function 3: the instruction ref.i31 is not supported by the compiler yet"));
        Assert.False(GcInstructions.IsUncompiled("the instruction i64.add128 is not supported by the compiler yet"));
        Assert.False(GcInstructions.IsUncompiled("type mismatch in struct.new"));
    }

    [Fact]
    public void FeatureSwitchesReachAllThreePlaces()
    {
        var features = FuzzFeatures.Parse("tail-call,memory64");
        Assert.Equal(WasmFeatures.Wasm2 | WasmFeatures.TailCall | WasmFeatures.Memory64, features.Heron);
        Assert.Contains("--enable-tail-call", features.BinaryenFlags(withGc: false));
        Assert.Contains("--enable-memory64", features.BinaryenFlags(withGc: false));
        Assert.DoesNotContain("--enable-exception-handling", features.BinaryenFlags(withGc: false));
        Assert.Contains("--emit-exnref", FuzzFeatures.Wasm3.BinaryenFlags(withGc: false));
        Assert.False(FuzzFeatures.Wasm3.Has("gc"));
        Assert.Throws<ArgumentException>(() => FuzzFeatures.Parse("threads"));

        // Wasmtime refuses a tail call unless its config has them on, as Heron does.
        var tail = WatParser.ParseModule("(module (func $f (return_call $f)))");
        using var on = WasmtimeSide.CreateEngine(features);
        using var off = WasmtimeSide.CreateEngine(FuzzFeatures.Wasm2);
        Wasmtime.Module.FromBytes(on, "on", tail).Dispose();
        Assert.ThrowsAny<Wasmtime.WasmtimeException>(() => Wasmtime.Module.FromBytes(off, "off", tail));
    }
}
