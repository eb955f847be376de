namespace Heron.Tests.Runtime;

/// <summary>
/// Function subtyping (declared supertypes, final and non-final types) and iso-recursive type identity
/// across the modules of one engine: imports, typed globals and tables, call_indirect and the host API.
/// </summary>
public sealed class FunctionSubtypingTests
{
    private static readonly Engine Wasm3 = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private const string Exporter = """
        (module
          (type $base (sub (func (result i32))))
          (type $derived (sub $base (func (result i32))))
          (type $other (func (result i32)))
          (func (export "derived") (type $derived) (i32.const 2))
          (func (export "plain") (type $other) (i32.const 3))
          (global (export "g") (ref func) (ref.func 0))
          (elem declare func 0))
        """;

    private static (Linker Linker, Store Store) WithExporter()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        linker.DefineInstance("m", linker.Instantiate(store, Module.FromText(Wasm3, Exporter)));
        return (linker, store);
    }

    private static Instance Link(Linker linker, Store store, string wat) => linker.Instantiate(store, Module.FromText(Wasm3, wat));

    [Fact]
    public void A_function_of_a_declared_subtype_satisfies_an_import_of_its_supertype()
    {
        var (linker, store) = WithExporter();
        var instance = Link(linker, store, """
            (module
              (type $base (sub (func (result i32))))
              (import "m" "derived" (func $f (type $base)))
              (func (export "run") (result i32) (call $f)))
            """);
        Assert.Equal(2, instance.GetFunction("run")!.Invoke()[0].AsI32());
    }

    [Fact]
    public void A_structurally_equal_type_without_the_declaration_does_not_satisfy_the_import()
    {
        var (linker, store) = WithExporter();
        // $other has the shape of $base but is final and declares no supertype: a different type.
        var error = Assert.Throws<LinkException>(() => Link(linker, store, """
            (module
              (type $base (sub (func (result i32))))
              (import "m" "plain" (func (type $base))))
            """));
        Assert.StartsWith("incompatible import type", error.Message);
    }

    [Fact]
    public void A_supertype_does_not_satisfy_an_import_of_its_subtype()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        linker.DefineInstance("m", Link(linker, store, """
            (module
              (type $base (sub (func (result i32))))
              (func (export "base") (type $base) (i32.const 1)))
            """));
        Assert.Throws<LinkException>(() => Link(linker, store, """
            (module
              (type $base (sub (func (result i32))))
              (type $derived (sub $base (func (result i32))))
              (import "m" "base" (func (type $derived))))
            """));
    }

    [Fact]
    public void Types_in_different_recursion_groups_are_different_types_across_modules()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        linker.DefineInstance("m", Link(linker, store, """
            (module
              (rec (type $f (func)) (type (struct)))
              (func (export "f") (type $f)))
            """));
        Assert.Throws<LinkException>(() => Link(linker, store, "(module (type $f (func)) (import \"m\" \"f\" (func (type $f))))"));
        Link(linker, store, "(module (rec (type $f (func)) (type (struct))) (import \"m\" \"f\" (func (type $f))))");
    }

    [Fact]
    public void Call_indirect_through_a_supertype_accepts_a_subtype_and_traps_on_an_unrelated_type()
    {
        var instance = Wasm3Instance("""
            (module
              (type $base (sub (func (result i32))))
              (type $derived (sub $base (func (result i32))))
              (type $other (func (result i32)))
              (func $d (type $derived) (i32.const 7))
              (func $o (type $other) (i32.const 8))
              (table funcref (elem $d $o))
              (func (export "call") (param i32) (result i32) (call_indirect (type $base) (local.get 0)))
              (func (export "tail") (param i32) (result i32) (return_call_indirect (type $base) (local.get 0))))
            """);
        Assert.Equal(7, instance.Call("call", Value.I32(0))[0].AsI32());
        Assert.Equal(7, instance.Call("tail", Value.I32(0))[0].AsI32());
        Assert.Equal(TrapCode.BadSignature, Wasm.Traps(() => instance.Call("call", Value.I32(1))).Code);
        Assert.Equal(TrapCode.BadSignature, Wasm.Traps(() => instance.Call("tail", Value.I32(1))).Code);
    }

    [Fact]
    public void Call_indirect_accepts_a_subtype_from_another_module()
    {
        var (linker, store) = WithExporter();
        var instance = Link(linker, store, """
            (module
              (type $base (sub (func (result i32))))
              (type $derived (sub $base (func (result i32))))
              (import "m" "derived" (func $f (type $base)))
              (table funcref (elem $f))
              (func (export "call") (result i32) (call_indirect (type $base) (i32.const 0)))
              (func (export "exact") (result i32) (call_indirect (type $derived) (i32.const 0))))
            """);
        // Imported as $base, the function keeps its own type: the other module's $derived, the same as this one's.
        Assert.Equal(2, instance.GetFunction("call")!.Invoke()[0].AsI32());
        Assert.Equal(2, instance.GetFunction("exact")!.Invoke()[0].AsI32());
    }

    [Fact]
    public void An_immutable_global_import_may_have_a_subtype_and_a_mutable_one_must_be_equivalent()
    {
        var (linker, store) = WithExporter();
        Link(linker, store, "(module (import \"m\" \"g\" (global funcref)))");
        store = new Store(Wasm3);
        linker = new Linker(Wasm3);
        linker.DefineInstance("m", Link(linker, store, "(module (global (export \"g\") (mut (ref null func)) (ref.null func)))"));
        Assert.Throws<LinkException>(() => Link(linker, store, "(module (import \"m\" \"g\" (global (mut (ref null nofunc)))))"));
        Link(linker, store, "(module (import \"m\" \"g\" (global (mut funcref))))");
    }

    [Fact]
    public void A_typed_table_import_needs_an_equivalent_element_type_from_the_other_module()
    {
        var store = new Store(Wasm3);
        var linker = new Linker(Wasm3);
        linker.DefineInstance("m", Link(linker, store, """
            (module
              (type $t (func (result i32)))
              (table (export "t") 1 (ref null $t)))
            """));
        Link(linker, store, "(module (type $u (func (result i32))) (import \"m\" \"t\" (table 1 (ref null $u))))");
        Assert.Throws<LinkException>(() => Link(linker, store, "(module (import \"m\" \"t\" (table 1 funcref)))"));
        Assert.Throws<LinkException>(() => Link(linker, store, "(module (type $u (func (result i64))) (import \"m\" \"t\" (table 1 (ref null $u))))"));
    }

    [Fact]
    public void The_host_api_checks_a_function_against_a_concrete_reference_type_by_subtyping()
    {
        var instance = Wasm3Instance("""
            (module
              (type $base (sub (func (result i32))))
              (type $derived (sub $base (func (result i32))))
              (type $other (func (result i32)))
              (func (export "derived") (type $derived) (i32.const 5))
              (func (export "other") (type $other) (i32.const 6))
              (table (export "t") 1 (ref null $base))
              (func (export "take") (param (ref $base)) (result i32) (call_ref $base (local.get 0))))
            """);
        var derived = instance.GetFunction("derived")!;
        var other = instance.GetFunction("other")!;
        Assert.Equal(5, instance.Call("take", Value.FuncRef(derived))[0].AsI32());
        Assert.Throws<ArgumentException>(() => instance.Call("take", Value.FuncRef(other)));
        Assert.Throws<ArgumentException>(() => instance.Call("take", Value.FuncRef(null)));
        var table = instance.GetTable("t")!;
        table.Set(0, Value.FuncRef(derived));
        Assert.Throws<ArgumentException>(() => table.Set(0, Value.FuncRef(other)));
    }

    [Fact]
    public void The_host_cannot_create_values_of_a_module_type_index()
    {
        var store = new Store(Wasm3);
        var concrete = ValueType.Ref(new HeapType(0), nullable: true);
        Assert.Throws<ArgumentException>(() => new Global(store, new GlobalType(concrete, false), Value.FuncRef(null)));
        Assert.Throws<ArgumentException>(() => new Table(store, new TableType(concrete, new Limits(1, null)), Value.FuncRef(null)));
        Assert.Throws<ArgumentException>(() => new Function(store, new FunctionType([concrete], []), (_, _) => []));
    }

    private static Instance Wasm3Instance(string wat) => new Linker(Wasm3).Instantiate(new Store(Wasm3), Module.FromText(Wasm3, wat));
}
