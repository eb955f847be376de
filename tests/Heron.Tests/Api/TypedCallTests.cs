using System.Runtime.Intrinsics;

namespace Heron.Tests.Api;

public sealed class TypedCallTests
{
    private static readonly Engine Engine = new();

    private static Instance Instantiate(string wat) => new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine, wat));

    [Fact]
    public void TypedDelegatesCallCompiledCodeDirectly()
    {
        var instance = Instantiate("""
            (module
              (func (export "f") (param i32 i64 f32 f64) (result f64)
                (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
                         (f64.add (f64.promote_f32 (local.get 2)) (local.get 3))))
              (func (export "nothing"))
              (func (export "id") (param externref) (result externref) (local.get 0))
              (func $g (export "g") (result i32) (i32.const 9))
              (func (export "ref") (result funcref) (ref.func $g)))
            """);
        Assert.Equal(10.0, instance.GetFunction<int, long, float, double, double>("f")!(1, 2, 3f, 4.0));
        instance.GetAction("nothing")!();
        var token = new object();
        Assert.Same(token, instance.GetFunction<object?, object?>("id")!(token));
        var reference = instance.GetFunction<Function?>("ref")!()!;
        Assert.Equal(9, reference.AsFunc<int>()());
        Assert.Same(instance.GetFunction("g"), reference);
    }

    [Fact]
    public void MismatchedDelegateTypesAndArgumentsAreRejected()
    {
        var instance = Instantiate("(module (func (export \"f\") (param i32) (result i32) (local.get 0)))");
        var function = instance.GetFunction("f")!;
        Assert.Throws<ArgumentException>(() => function.AsFunc<long, int>());
        Assert.Throws<ArgumentException>(() => function.AsFunc<int>());
        Assert.Throws<ArgumentException>(() => function.Invoke(Value.I64(1)));
        Assert.Throws<ArgumentException>(() => function.Invoke());
        Assert.Equal(3, function.AsFunc<int, int>()(3));
        Assert.Null(instance.GetFunction("missing"));
    }

    [Fact]
    public void FunctionsWithManyParametersAndResultsAreCallable()
    {
        var parameters = string.Join(" ", Enumerable.Repeat("i64", 22));
        var sum = string.Join(" ", Enumerable.Range(0, 22).Select(i => $"(local.get {i})"));
        var adds = string.Concat(Enumerable.Repeat("i64.add ", 21));
        var instance = Instantiate($$"""
            (module
              (func $many (param {{parameters}}) (result i64) {{sum}} {{adds}})
              (func $three (param i32) (result i32 i64 f32)
                (local.get 0) (i64.extend_i32_s (local.get 0)) (f32.convert_i32_s (local.get 0)))
              (func (export "many") (param {{parameters}}) (result i64) {{sum}} (call $many))
              (func (export "three") (param i32) (result i32 i64 f32) (call $three (local.get 0)))
              (func (export "swap") (param i32 i32) (result i32 i32)
                (local.get 1) (local.get 0)
                (block (param i32 i32) (result i32 i32)
                  (br_if 0 (i32.const 1))
                  (drop) (drop) (i32.const 0) (i32.const 0)))
              (func (export "discard") (param i32) (result i32)
                (i32.const 100)
                (block (result i32 i32)
                  (i32.const 1) (i32.const 2) (i32.const 3)
                  (br_if 0 (i32.const 5) (i32.const 6) (local.get 0))
                  (br 0 (i32.const 7) (i32.const 8)))
                (drop)
                (i32.add)))
            """);
        var args = Enumerable.Range(1, 22).Select(i => Value.I64(i)).ToArray();
        Assert.Equal(253L, instance.GetFunction("many")!.Invoke(args)[0].AsI64());
        var three = instance.GetFunction("three")!.Invoke(-4);
        Assert.Equal(-4, three[0].AsI32());
        Assert.Equal(-4L, three[1].AsI64());
        Assert.Equal(-4f, three[2].AsF32());
        var swapped = instance.GetFunction("swap")!.Invoke(1, 2);
        Assert.Equal([2, 1], swapped.Select(v => v.AsI32()));
        // Branches that carry values drop the operands below them.
        Assert.Equal(105, instance.GetFunction("discard")!.Invoke(1)[0].AsI32());
        Assert.Equal(107, instance.GetFunction("discard")!.Invoke(0)[0].AsI32());
    }

    [Fact]
    public void ValuesKeepTheirBits()
    {
        Assert.Equal(0x7FA00001u, Value.F32Bits(0x7FA00001).AsF32Bits());
        Assert.Equal(0xFFF4000000000001ul, Value.F64Bits(0xFFF4000000000001).AsF64Bits());
        var vector = Vector128.Create((byte)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        Assert.Equal(vector, Value.V128(vector).AsV128());
        Assert.True(Value.Null(ValueType.ExternRef).IsNull);
        Assert.False(Value.I32(0).IsNull);
        Assert.Equal(ValueType.FuncRef, Value.FuncRef(null).Type);
        Assert.Throws<ArgumentException>(() => Value.Null(ValueType.I32));
    }
}
