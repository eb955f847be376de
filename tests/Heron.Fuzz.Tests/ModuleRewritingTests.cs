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
    public void MemoriesNotExportedBecomeExportsAndNothingElseChanges()
    {
        var wasm = WatParser.ParseModule("""
            (module
              (memory $a 1)
              (memory $b (export "b") 2)
              (memory $c 1 1)
              (func (export "f") (result i32) (i32.load $c (i32.const 0)))
              (data (memory $c) (i32.const 0) "\2a"))
            """);
        var module = Module.FromBytes(Wasm3, MemoryExporter.ExportAll(wasm));
        Assert.Equal(["b", "f", "heron-memory-0", "heron-memory-2"], module.Exports.Select(e => e.Name));
        using var store = new Store(Wasm3);
        var instance = new Linker(Wasm3).Instantiate(store, module);
        Assert.Equal(42, instance.GetMemory("heron-memory-2")!.Span[0]);
        Assert.Equal(42, instance.GetFunction("f")!.Invoke()[0].AsI32());
        var bare = WatParser.ParseModule("(module (memory 1) (func))");
        Assert.Equal(["heron-memory-0"], Module.FromBytes(Wasm3, MemoryExporter.ExportAll(bare)).Exports.Select(e => e.Name));
    }

    [Fact]
    public void AnImportOfAnyrefIsNamed()
    {
        var wasm = WatParser.ParseModule("""(module (import "fuzzing-support" "log-anyref" (func (param anyref))))""");
        Assert.Equal("fuzzing-support.log-anyref", WasmtimeInterface.Inspect(wasm, WasmFeatures.Wasm3)!.UncarriedImport);
    }

    [Fact]
    public void ImportsOfGcTypesBecomeDefinitionsThatLogWhatTheyGet()
    {
        // binaryen's print of a GC module's imports (names as its printer writes them).
        const string binaryenText = """
            (module
             (type $a (array (mut i32)))
             (type $s (struct (field i32)))
             (import "fuzzing-support" "log-i32" (func $fimport$0 (param i32)))
             (import "fuzzing-support" "log-anyref" (func $fimport$1 (param anyref)))
             (import "__fuzz_import" "extern$" (global $gimport$0 (ref extern)))
             (import "fuzzing-support" "log-externref" (func $fimport$2 (param externref)))
             (global $global$0 externref (global.get $gimport$0))
             (func $0 (export "main")
              (call $fimport$1 (ref.i31 (i32.const -5)))
              (call $fimport$1 (array.new_default $a (i32.const 3)))
              (call $fimport$1 (struct.new $s (i32.const 1)))
              (call $fimport$1 (ref.null none))
              (call $fimport$2 (global.get $global$0))
              (call $fimport$2 (extern.convert_any (array.new_default $a (i32.const 7))))
              (call $fimport$0 (i32.const 9))
             )
            )
            """;
        var wasm = WatParser.ParseModule(GcImportDefiner.Rewrite(binaryenText));
        Assert.True(WasmtimeInterface.Inspect(wasm, WasmFeatures.Wasm3)!.ImportsCarried);

        var module = Module.FromBytes(Wasm3, wasm);
        Assert.Equal(["log-i32", "log-anyref-kind", "log-externref-kind"], module.Imports.Select(i => i.Name));
        using var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        var log = new List<string>();
        foreach (var import in module.Imports)
            linker.DefineFunction(import.Module, import.Name, import.FunctionType!, (_, args) =>
            {
                log.Add($"{import.Name}({string.Join(",", args.ToArray().Select(a => a.AsI32()))})");
                return [];
            });
        linker.Instantiate(store, module).GetFunction("main")!.Invoke();
        // Kind and detail: 1 i31 (its value), 3 array (its length), 2 struct, 0 null; the imported global became
        // the non-null externref of i31 1.
        Assert.Equal(["log-anyref-kind(1,-5)", "log-anyref-kind(3,3)", "log-anyref-kind(2,0)", "log-anyref-kind(0,0)",
            "log-externref-kind(1,1)", "log-externref-kind(3,7)", "log-i32(9)"], log);
    }

    [Fact]
    public void ExportedGlobalsOfGcTypesGetProbesThatTellWhatTheyHold()
    {
        const string binaryenText = """
            (module
             (type $s (struct (field i32)))
             (type $f (func))
             (global $global$0 (mut (ref null $s)) (struct.new $s (i32.const 1)))
             (global $global$1 arrayref (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
             (global $global$2 (ref null $f) (ref.func $0))
             (global $global$3 i32 (i32.const 7))
             (global $global$4 (mut anyref) (ref.i31 (i32.const -3)))
             (global $global$5 exnref (ref.null noexn))
             (type $a (array (mut i32)))
             (export "s" (global $global$0))
             (export "arr" (global $global$1))
             (export "fn" (global $global$2))
             (export "n" (global $global$3))
             (export "i31" (global $global$4))
             (export "exn" (global $global$5))
             (elem declare func $0)
             (func $0 (export "clear") (global.set $global$0 (ref.null none)))
            )
            """;
        var module = Module.FromBytes(Wasm3, WatParser.ParseModule(GcExportProbes.Add(binaryenText)));
        Assert.Equal(["heron-probe-s", "heron-probe-arr", "heron-probe-fn", "heron-probe-i31", "heron-probe-exn"],
            module.Exports.Select(e => e.Name).Where(n => n.StartsWith("heron-probe-", StringComparison.Ordinal)));
        using var store = new Store(Wasm3);
        var instance = new Linker(Wasm3).Instantiate(store, module);
        string Probe(string name) => string.Join(",", instance.GetFunction($"heron-probe-{name}")!.Invoke().Select(v => v.AsI32()));
        Assert.Equal("2,0", Probe("s"));
        Assert.Equal("3,2", Probe("arr"));
        Assert.Equal("5,0", Probe("fn"));
        Assert.Equal("1,-3", Probe("i31"));
        Assert.Equal("0,0", Probe("exn"));
        instance.GetFunction("clear")!.Invoke();
        Assert.Equal("0,0", Probe("s"));
    }

    [Fact]
    public void WasmtimeRunsAModuleDefiningASharedMemory()
    {
        // Wasmtime's .NET API has no switch for shared memories; WasmtimeSharedMemory sets it through the C API.
        var wasm = WatParser.ParseModule("""
            (module (memory 1 1 shared)
              (func (export "f") (result i32) (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 5))) (i32.atomic.load (i32.const 8))))
            """);
        using var engine = WasmtimeSide.CreateEngine(FuzzFeatures.Parse("threads"));
        using var module = Wasmtime.Module.FromBytes(engine, "shared", wasm);
        using var store = new Wasmtime.Store(engine);
        var instance = new Wasmtime.Linker(engine).Instantiate(store, module);
        Assert.Equal(5, instance.GetFunction<int>("f")!());
    }

    [Fact]
    public void FeatureSwitchesReachAllThreePlaces()
    {
        var features = FuzzFeatures.Parse("tail-call,memory64");
        Assert.Equal(WasmFeatures.Wasm2 | WasmFeatures.TailCall | WasmFeatures.Memory64, features.Heron);
        Assert.Contains("--enable-tail-call", features.BinaryenFlags());
        Assert.Contains("--enable-memory64", features.BinaryenFlags());
        Assert.DoesNotContain("--enable-exception-handling", features.BinaryenFlags());
        Assert.Contains("--emit-exnref", FuzzFeatures.Wasm3.BinaryenFlags());
        Assert.False(FuzzFeatures.Wasm3.Has("gc"));
        Assert.Throws<ArgumentException>(() => FuzzFeatures.Parse("legacy-exceptions"));
        var gc = FuzzFeatures.Parse("wasm3,gc");
        Assert.True(gc.Has("gc") && gc.Has("tail-call") && gc.Has("exceptions"));
        Assert.Contains("--enable-gc", gc.BinaryenFlags());
        Assert.Equal(WasmFeatures.Wasm3 & ~WasmFeatures.RelaxedSimd, gc.Heron);

        // Wasmtime refuses a tail call unless its config has them on, as Heron does.
        var tail = WatParser.ParseModule("(module (func $f (return_call $f)))");
        using var on = WasmtimeSide.CreateEngine(features);
        using var off = WasmtimeSide.CreateEngine(FuzzFeatures.Wasm2);
        Wasmtime.Module.FromBytes(on, "on", tail).Dispose();
        Assert.ThrowsAny<Wasmtime.WasmtimeException>(() => Wasmtime.Module.FromBytes(off, "off", tail));
    }
}
