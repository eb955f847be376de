namespace Heron.Tests.Runtime;

/// <summary>
/// ref.test, ref.cast and br_on_cast against concrete types, by each kind of test the compiler picks: a final
/// struct or array type (one reference compare), a non-final one (the supertype display), and function types.
/// </summary>
public sealed class GcCastTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    // $point is final (a plain type definition); $shape has the same fields but is not final, so it is another
    // type, with subtypes two deep; $bytes is a final array type, $list a non-final one with a subtype.
    private const string Types = """
        (type $point (struct (field i32)))
        (type $shape (sub (struct (field i32))))
        (type $rect (sub $shape (struct (field i32) (field f64))))
        (type $square (sub final $rect (struct (field i32) (field f64))))
        (type $circle (sub final $shape (struct (field i32) (field f32))))
        (type $bytes (array (mut i8)))
        (type $list (sub (array (ref null any))))
        (type $names (sub final $list (array (ref null any))))
        (type $pair (struct (field i32) (field i32)))
        (type $unary (func (param i32) (result i32)))
        """;

    // make(k) returns a value of kind k: 0 point, 1 shape, 2 rect, 3 square, 4 circle, 5 bytes, 6 list,
    // 7 names, 8 pair, 9 an i31, 10 null.
    private const string Maker = Types + """
        (func (export "make") (param $k i32) (result anyref)
          (block $b10 (block $b9 (block $b8 (block $b7 (block $b6 (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
            (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 $b7 $b8 $b9 $b10 (local.get $k)))
            (return (struct.new $point (i32.const 1))))
            (return (struct.new $shape (i32.const 1))))
            (return (struct.new $rect (i32.const 1) (f64.const 2))))
            (return (struct.new $square (i32.const 1) (f64.const 2))))
            (return (struct.new $circle (i32.const 1) (f32.const 2))))
            (return (array.new_default $bytes (i32.const 3))))
            (return (array.new_default $list (i32.const 3))))
            (return (array.new_default $names (i32.const 3))))
            (return (struct.new $pair (i32.const 1) (i32.const 2))))
            (return (ref.i31 (i32.const 7))))
          (ref.null any))
        """;

    private const string Tests = Types + """
        (func (export "is_point") (param anyref) (result i32) (ref.test (ref $point) (local.get 0)))
        (func (export "is_shape") (param anyref) (result i32) (ref.test (ref $shape) (local.get 0)))
        (func (export "is_rect") (param anyref) (result i32) (ref.test (ref $rect) (local.get 0)))
        (func (export "is_square") (param anyref) (result i32) (ref.test (ref $square) (local.get 0)))
        (func (export "is_bytes") (param anyref) (result i32) (ref.test (ref $bytes) (local.get 0)))
        (func (export "is_list") (param anyref) (result i32) (ref.test (ref $list) (local.get 0)))
        (func (export "is_names") (param anyref) (result i32) (ref.test (ref $names) (local.get 0)))
        (func (export "is_null_or_point") (param anyref) (result i32) (ref.test (ref null $point) (local.get 0)))
        (func (export "cast_rect") (param anyref) (result i32)
          (drop (ref.cast (ref $rect) (local.get 0))) (i32.const 1))
        (func (export "cast_bytes") (param anyref) (result i32)
          (drop (ref.cast (ref $bytes) (local.get 0))) (i32.const 1))
        ;; 1 for a square, 2 for another rect, 3 for another shape, 4 for a point, 0 for anything else.
        (func (export "classify") (param anyref) (result i32)
          (block $other (result anyref)
            (block $point (result (ref $point))
              (block $shape (result (ref $shape))
                (block $rect (result (ref $rect))
                  (block $square (result (ref $square))
                    (local.get 0)
                    (br_on_cast $square anyref (ref $square))
                    (br_on_cast $rect anyref (ref $rect))
                    (br_on_cast $shape anyref (ref $shape))
                    (br_on_cast $point anyref (ref $point))
                    (br $other))
                  (return (i32.const 1)))
                (return (i32.const 2)))
              (return (i32.const 3)))
            (return (i32.const 4)))
          (drop) (i32.const 0))
        (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
        (elem declare func $double)
        (func (export "func_test") (result i32)
          (ref.test (ref $unary) (ref.func $double)))
        """;

    private readonly Instance _maker;
    private readonly Instance _tests;

    public GcCastTests()
    {
        var store = new Store(Engine);
        // Two modules declaring the same types: their values are of one canonical type, so casts agree across them.
        _maker = new Linker(Engine).Instantiate(store, Module.FromText(Engine, $"(module {Maker})"));
        _tests = new Linker(Engine).Instantiate(store, Module.FromText(Engine, $"(module {Tests})"));
    }

    private Value Make(int kind) => _maker.GetFunction("make")!.Invoke(Value.I32(kind))[0];

    private int Ask(string test, int kind) => _tests.GetFunction(test)!.Invoke(Make(kind))[0].AsI32();

    /// <summary>Which of the kinds 0-10 <paramref name="test"/> accepts.</summary>
    private int[] Accepted(string test) => Enumerable.Range(0, 11).Where(kind => Ask(test, kind) == 1).ToArray();

    [Fact]
    public void A_final_struct_type_accepts_only_itself_declared_in_another_module()
    {
        // Not $shape: the same fields, but not final, so a different type.
        Assert.Equal([0], Accepted("is_point"));
        Assert.Equal([0, 10], Accepted("is_null_or_point"));
    }

    [Fact]
    public void A_non_final_struct_type_accepts_its_subtypes_at_any_depth_and_not_its_siblings()
    {
        Assert.Equal([1, 2, 3, 4], Accepted("is_shape"));
        Assert.Equal([2, 3], Accepted("is_rect"));
        Assert.Equal([3], Accepted("is_square"));
    }

    [Fact]
    public void Array_types_are_tested_by_element_storage_and_by_subtyping()
    {
        Assert.Equal([5], Accepted("is_bytes"));
        Assert.Equal([6, 7], Accepted("is_list"));
        Assert.Equal([7], Accepted("is_names"));
    }

    [Fact]
    public void A_failed_cast_traps_and_a_good_one_passes_the_value_on()
    {
        Assert.Equal(1, Ask("cast_rect", 3));
        Assert.Equal(TrapCode.CastFailure, Wasm.Traps(() => Ask("cast_rect", 1)).Code);
        Assert.Equal(TrapCode.CastFailure, Wasm.Traps(() => Ask("cast_bytes", 6)).Code);
        Assert.Equal(TrapCode.CastFailure, Wasm.Traps(() => Ask("cast_rect", 10)).Code);
    }

    [Fact]
    public void Br_on_cast_dispatches_each_value_to_its_most_specific_type()
    {
        var classes = Enumerable.Range(0, 11).Select(kind => Ask("classify", kind)).ToArray();
        Assert.Equal([4, 3, 2, 1, 3, 0, 0, 0, 0, 0, 0], classes);
    }

    [Fact]
    public void A_function_reference_is_tested_against_its_function_type()
    {
        Assert.Equal(1, _tests.GetFunction("func_test")!.Invoke()[0].AsI32());
    }
}
