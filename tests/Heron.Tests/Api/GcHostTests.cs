namespace Heron.Tests.Api;

/// <summary>GC values seen from C#: held, read, passed back and compared; externref round trips; limits (the flat heap: Runtime/GcWorkingSetTests).</summary>
public sealed class GcHostTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private const string Wat = """
        (module
          (type $point (struct (field $x i32) (field $tag i8) (field $scale f64) (field $next (ref null $point))))
          (type $bytes (array (mut i8)))
          (global $kept (mut (ref null $point)) (ref.null $point))
          (func (export "make") (param i32) (result (ref $point))
            (struct.new $point (local.get 0) (i32.const 200) (f64.const 2.5) (ref.null $point)))
          (func (export "x") (param (ref null $point)) (result i32) (struct.get $point $x (local.get 0)))
          (func (export "keep") (param (ref null $point)) (global.set $kept (local.get 0)))
          (func (export "kept") (result (ref null $point)) (global.get $kept))
          (func (export "bytes") (param i32) (result (ref $bytes)) (array.new $bytes (i32.const 255) (local.get 0)))
          (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
          (func (export "i31.get") (param i31ref) (result i32) (i31.get_s (local.get 0)))
          (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
          (func (export "roundtrip") (param externref) (result externref)
            (extern.convert_any (any.convert_extern (local.get 0))))
          (func (export "churn") (param $n i32) (result i32)
            (local $list (ref null $point))
            (loop $again
              (local.set $list (struct.new $point (local.get $n) (i32.const 0) (f64.const 0) (local.get $list)))
              ;; Drop the list every 1000 links, so what is alive stays small while the total allocated grows.
              (if (i32.eqz (i32.rem_u (local.get $n) (i32.const 1000))) (then (local.set $list (ref.null $point))))
              (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $n)))
        """;

    private static Instance Instantiate(Store? store = null) =>
        new Linker(Engine).Instantiate(store ?? new Store(Engine), Module.FromText(Engine, Wat));

    [Fact]
    public void A_struct_reaches_the_host_with_readable_fields_and_goes_back_unchanged()
    {
        var instance = Instantiate();
        var point = instance.GetFunction("make")!.Invoke(Value.I32(41))[0].AsAnyRef();
        Assert.NotNull(point);
        Assert.Equal(AnyRefKind.Struct, point.Kind);
        Assert.Equal(4, point.FieldCount);
        Assert.Equal(41, point.GetField(0).AsI32());
        Assert.Equal(200, point.GetField(1).AsI32()); // packed i8, zero-extended
        Assert.Equal(2.5, point.GetField(2).AsF64());
        Assert.True(point.GetField(3).IsNull);
        Assert.Equal(41, instance.GetFunction("x")!.Invoke(Value.AnyRef(point))[0].AsI32());

        instance.GetFunction("keep")!.Invoke(Value.AnyRef(point));
        Assert.Same(point, instance.GetFunction("kept")!.Invoke()[0].AsAnyRef());
    }

    [Fact]
    public void Arrays_of_numbers_read_element_by_element()
    {
        var bytes = Instantiate().GetFunction("bytes")!.Invoke(Value.I32(3))[0].AsAnyRef()!;
        Assert.Equal(AnyRefKind.Array, bytes.Kind);
        Assert.Equal(3, bytes.Length);
        Assert.Equal(255, bytes.GetElement(2).AsI32());
        Assert.Throws<InvalidOperationException>(() => bytes.GetField(0));
    }

    [Fact]
    public void I31_references_compare_by_value_on_both_sides()
    {
        var instance = Instantiate();
        var made = instance.GetFunction("i31")!.Invoke(Value.I32(-7))[0].AsAnyRef()!;
        Assert.Equal(AnyRefKind.I31, made.Kind);
        Assert.Equal(-7, made.I31Value);
        Assert.Equal(AnyRef.I31(-7), made);
        Assert.Equal(-7, instance.GetFunction("i31.get")!.Invoke(Value.AnyRef(AnyRef.I31(-7)))[0].AsI32());
        Assert.Equal(1, instance.GetFunction("eq")!.Invoke(Value.AnyRef(made), Value.AnyRef(AnyRef.I31(-7)))[0].AsI32());
        var a = instance.GetFunction("make")!.Invoke(Value.I32(1))[0];
        var b = instance.GetFunction("make")!.Invoke(Value.I32(1))[0];
        Assert.Equal(0, instance.GetFunction("eq")!.Invoke(a, b)[0].AsI32());
        Assert.Equal(1, instance.GetFunction("eq")!.Invoke(a, a)[0].AsI32());
    }

    [Fact]
    public void An_externref_comes_back_as_the_same_object_through_any()
    {
        var host = new object();
        Assert.Same(host, Instantiate().GetFunction("roundtrip")!.Invoke(Value.ExternRef(host))[0].AsExternRef());
    }

    [Fact]
    public void A_value_of_the_wrong_gc_type_is_refused_at_the_boundary()
    {
        var x = Instantiate().GetFunction("x")!;
        Assert.Throws<ArgumentException>(() => x.Invoke(Value.AnyRef(AnyRef.I31(3))));
        Assert.Throws<ArgumentException>(() => x.Invoke(Value.AnyRef(new object())));
    }

    [Fact]
    public void An_array_too_large_for_one_object_traps_instead_of_running_out_of_memory()
    {
        var trap = Assert.Throws<TrapException>(() => Instantiate().GetFunction("bytes")!.Invoke(Value.I32(-1)));
        Assert.Equal(TrapCode.GcAllocationTooLarge, trap.Code);
    }

    [Fact]
    public void The_store_limit_on_gc_allocation_traps_cleanly_and_the_store_stays_usable()
    {
        var store = new Store(Engine) { Limiter = new StoreLimits { GcAllocationBytes = 1 << 20 } };
        var instance = Instantiate(store);
        instance.GetFunction("bytes")!.Invoke(Value.I32(1000));
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("churn")!.Invoke(Value.I32(1_000_000)));
        Assert.Equal(TrapCode.GcAllocationTooLarge, trap.Code);
        Assert.Equal(5, instance.GetFunction("i31.get")!.Invoke(Value.AnyRef(AnyRef.I31(5)))[0].AsI32());
    }
}
