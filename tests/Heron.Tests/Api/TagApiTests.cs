using Heron.Tests.Runtime;

namespace Heron.Tests.Api;

/// <summary>Tags in the public API: created by the host, imported and exported, matched by identity.</summary>
public sealed class TagApiTests
{
    private static readonly Engine Wasm3 = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private static readonly FunctionType I32Payload = new([ValueType.I32], []);

    [Fact]
    public void A_host_function_throws_an_exception_of_a_host_tag_that_WebAssembly_catches()
    {
        var store = new Store(Wasm3);
        var tag = new Tag(store, I32Payload);
        var linker = new Linker(Wasm3).Define("host", "tag", tag);
        linker.DefineFunction("host", "throw", new Action<int>(v => throw new ThrownException(tag, Value.I32(v * 2))));
        var module = Module.FromText(Wasm3, """
            (module
              (import "host" "tag" (tag $t (param i32)))
              (import "host" "throw" (func $throw (param i32)))
              (func (export "f") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $t $h) (call $throw (local.get 0)))
                  (i32.const -1))))
            """);
        Assert.Equal(ExternKind.Tag, module.Imports[0].Kind);
        Assert.Equal(I32Payload, module.Imports[0].TagType);
        var instance = linker.Instantiate(store, module);
        Assert.Equal(42, instance.Call("f", 21)[0].AsI32());
    }

    [Fact]
    public void An_imported_tag_is_the_exporters_tag_and_a_tag_of_the_same_type_is_not()
    {
        var store = new Store(Wasm3);
        var exporter = new Linker(Wasm3).Instantiate(store, Module.FromText(Wasm3, """
            (module
              (tag $e (export "e") (param i32))
              (func (export "throw") (param i32) (throw $e (local.get 0))))
            """));
        Assert.Equal(I32Payload, exporter.Module.Exports[0].TagType);
        var importer = Module.FromText(Wasm3, """
            (module
              (import "m" "e" (tag $e (param i32)))
              (import "m" "throw" (func $throw (param i32)))
              (tag $own (param i32))
              (func (export "f") (param i32) (result i32)
                (block $mine (result i32)
                  (block $theirs (result i32)
                    (try_table (catch $own $mine) (catch $e $theirs) (call $throw (local.get 0)))
                    (i32.const -1)
                    (return))
                  (return))
                (i32.const 1000) (i32.add)))
            """);
        var instance = new Linker(Wasm3).DefineInstance("m", exporter).Instantiate(store, importer);
        Assert.Equal(5, instance.Call("f", 5)[0].AsI32());

        // A fresh host tag of the same type links, but the exporter's exceptions are not of it.
        var impostor = new Tag(store, I32Payload);
        var other = new Linker(Wasm3).DefineInstance("m", exporter).Define("m", "e", impostor).Instantiate(store, importer);
        var escaped = Assert.Throws<ThrownException>(() => other.Call("f", 5));
        Assert.Same(exporter.GetTag("e"), escaped.Tag);
    }

    [Fact]
    public void A_tag_of_another_type_does_not_link()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3).Define("m", "e", new Tag(store, new FunctionType([ValueType.I64], [])));
        var module = Module.FromText(Wasm3, """(module (import "m" "e" (tag (param i32))))""");
        Assert.Throws<LinkException>(() => linker.Instantiate(store, module));
    }

    [Fact]
    public void A_tag_type_has_no_results_and_a_payload_must_match_it()
    {
        var store = new Store(Wasm3);
        Assert.Throws<ArgumentException>(() => new Tag(store, new FunctionType([], [ValueType.I32])));
        var tag = new Tag(store, I32Payload);
        Assert.Throws<ArgumentException>(() => new ThrownException(tag, Value.I64(1)));
        Assert.Throws<ArgumentException>(() => new ThrownException(tag));
        Assert.Equal(ExternKind.Tag, tag.Kind);
    }

    [Fact]
    public void An_escaped_exception_is_a_WasmException_and_not_a_trap()
    {
        var instance = new Linker(Wasm3).Instantiate(new Store(Wasm3), Module.FromText(Wasm3, """
            (module (tag $t (export "t") (param i64)) (func (export "f") (throw $t (i64.const -9))))
            """));
        var typed = instance.GetAction("f")!;
        var thrown = Assert.Throws<ThrownException>(() => typed());
        Assert.IsAssignableFrom<WasmException>(thrown);
        Assert.Same(instance.GetTag("t"), thrown.Tag);
        Assert.Equal(-9, thrown.Payload[0].AsI64());
    }
}
