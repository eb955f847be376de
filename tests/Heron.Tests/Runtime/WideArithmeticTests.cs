namespace Heron.Tests.Runtime;

/// <summary>The wide-arithmetic proposal: 128-bit sums and differences, and full 64x64-bit products, as i64 pairs (low half first).</summary>
public sealed class WideArithmeticTests
{
    private const string Wide = """
        (module
          (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
            (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
            (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
            (i64.mul_wide_s (local.get 0) (local.get 1)))
          (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
            (i64.mul_wide_u (local.get 0) (local.get 1)))
          ;; The halves stay usable as ordinary operands: the high half of a square, less one.
          (func (export "square_high") (param i64) (result i64)
            (i64.mul_wide_u (local.get 0) (local.get 0))
            (i64.sub (i64.const 1))
            (return)))
        """;

    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 | WasmFeatures.WideArithmetic });
    private static readonly Instance Instance = new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine, Wide));

    private static (long Low, long High) Call(string name, params long[] arguments)
    {
        var results = Instance.Call(name, arguments.Select(a => Value.I64(a)).ToArray());
        return (results[0].AsI64(), results[1].AsI64());
    }

    [Fact]
    public void Add128_carries_from_the_low_half_into_the_high_half()
    {
        Assert.Equal((0L, 1L), Call("add128", -1, 0, 1, 0));
        Assert.Equal((0L, 0L), Call("add128", -1, -1, 1, 0));
        Assert.Equal((5L, 7L), Call("add128", 2, 3, 3, 4));
    }

    [Fact]
    public void Sub128_borrows_from_the_high_half()
    {
        Assert.Equal((-1L, -1L), Call("sub128", 0, 0, 1, 0));
        Assert.Equal((-1L, 0L), Call("sub128", 0, 1, 1, 0));
        Assert.Equal((long.MaxValue, long.MinValue), Call("sub128", -1, long.MinValue, long.MinValue, 0));
    }

    [Fact]
    public void Signed_and_unsigned_products_differ_in_the_high_half()
    {
        Assert.Equal((long.MaxValue, 0L), Call("mul_wide_s", -1, long.MinValue + 1));
        Assert.Equal((-2L, 0L), Call("mul_wide_s", long.MaxValue, 2));
        Assert.Equal((1L, 0L), Call("mul_wide_s", -1, -1));
        Assert.Equal((1L, -2L), Call("mul_wide_u", -1, -1));
        Assert.Equal((long.MinValue, 0L), Call("mul_wide_u", 1L << 61, 4));
        Assert.Equal((0L, -1L), Call("mul_wide_s", long.MinValue, 2));
        Assert.Equal((0L, 1L), Call("mul_wide_u", long.MinValue, 2));
    }

    [Fact]
    public void The_high_half_is_on_top_of_the_operand_stack()
    {
        var result = Instance.Call("square_high", Value.I64(1L << 40));
        Assert.Equal((1L << 16) - 1, result[0].AsI64());
    }

    [Fact]
    public void The_instructions_are_rejected_without_the_feature()
    {
        var wasm3 = new Engine(new EngineConfig { Features = WasmFeatures.Wasm3 });
        var error = Assert.ThrowsAny<WasmException>(() => Module.FromText(wasm3, Wide));
        Assert.Contains("illegal opcode", error.Message);
    }

    [Fact]
    public void Wasmtimes_wide_arithmetic_script_passes_with_its_feature_line()
    {
        var script = Path.Combine(SharedData.RequireWasmtimeMiscTestsuite(), "wide-arithmetic.wast");
        var result = new Heron.Wast.WastRunner(WasmFeatures.Wasm3).RunFile(script);
        Assert.Equal((0, 0), (result.Failed, result.Skipped));
        Assert.True(result.Passed > 100, $"only {result.Passed} commands ran");
    }
}
