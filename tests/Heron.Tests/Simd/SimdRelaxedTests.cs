using System.Runtime.Intrinsics;

namespace Heron.Tests.Simd;

/// <summary>Relaxed SIMD (3.0) takes one allowed behaviour, always the same: these pin which.</summary>
public sealed class SimdRelaxedTests
{
    private static readonly Engine Engine = new(new EngineConfig { Features = WasmFeatures.Wasm3 });

    private static Func<Vector128<byte>, Vector128<byte>, Vector128<byte>, Vector128<byte>> Ternary(string instruction) =>
        new Linker(Engine).Instantiate(new Store(Engine), Module.FromText(Engine,
            $"(module (func (export \"f\") (param v128 v128 v128) (result v128) ({instruction} (local.get 0) (local.get 1) (local.get 2))))"))
            .GetFunction("f")!.AsDelegate<Func<Vector128<byte>, Vector128<byte>, Vector128<byte>, Vector128<byte>>>();

    [Fact]
    public void RelaxedInstructionsNeedTheRelaxedSimdFeature()
    {
        Assert.ThrowsAny<WasmException>(() => Module.FromText(new Engine(),
            "(module (func (param v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 0))))"));
    }

    [Fact]
    public void MaddIsUnfusedAndLaneselectIsBitwise()
    {
        // 1 + 2^-23 squared is 1 + 2^-22 + 2^-46: a fused multiply-add keeps the 2^-46, an unfused one rounds it away.
        var x = Vector128.Create(1f + MathF.Pow(2, -23)).AsByte();
        var c = Vector128.Create(-(1f + MathF.Pow(2, -22))).AsByte();
        Assert.Equal(Vector128<float>.Zero, Ternary("f32x4.relaxed_madd")(x, x, c).AsSingle());

        var mask = Vector128.Create(0xFF00FF00_0000FFFFul, 0x0F0F0F0F_F0F0F0F0ul).AsByte();
        var r = Ternary("i32x4.relaxed_laneselect")(Vector128<byte>.AllBitsSet, Vector128<byte>.Zero, mask);
        Assert.Equal(mask, r);
    }

    [Fact]
    public void DotWithAddTreatsTheSecondOperandAsSigned()
    {
        var a = Vector128.Create((sbyte)-128).AsByte();
        var b = Vector128.Create((sbyte)-1).AsByte();
        var r = Ternary("i32x4.relaxed_dot_i8x16_i7x16_add_s")(a, b, Vector128.Create(1).AsByte());
        Assert.Equal(Vector128.Create(4 * 128 + 1), r.AsInt32());
    }
}
