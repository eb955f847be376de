using System.Collections.Concurrent;
using System.Runtime.Intrinsics;
using Heron.Tests.Runtime;

namespace Heron.Tests.Simd;

/// <summary>Runs one SIMD instruction through a compiled module and its typed delegate.</summary>
internal static class SimdOps
{
    private static readonly ConcurrentDictionary<string, Delegate> Compiled = new();

    /// <summary>[v128] -> [v128] through <paramref name="instruction"/>.</summary>
    public static Vector128<byte> Unary(string instruction, Vector128<byte> a) =>
        Get<Func<Vector128<byte>, Vector128<byte>>>(instruction, "(param v128) (result v128)", "(local.get 0)")(a);

    /// <summary>[v128 v128] -> [v128] through <paramref name="instruction"/>.</summary>
    public static Vector128<byte> Binary(string instruction, Vector128<byte> a, Vector128<byte> b) =>
        Get<Func<Vector128<byte>, Vector128<byte>, Vector128<byte>>>(instruction, "(param v128 v128) (result v128)", "(local.get 0) (local.get 1)")(a, b);

    /// <summary>[v128 i32] -> [v128] (shifts).</summary>
    public static Vector128<byte> Shift(string instruction, Vector128<byte> a, int count) =>
        Get<Func<Vector128<byte>, int, Vector128<byte>>>(instruction, "(param v128 i32) (result v128)", "(local.get 0) (local.get 1)")(a, count);

    /// <summary>[v128] -> [i32] (bitmask, all_true, any_true).</summary>
    public static int Test(string instruction, Vector128<byte> a) =>
        Get<Func<Vector128<byte>, int>>(instruction, "(param v128) (result i32)", "(local.get 0)")(a);

    private static T Get<T>(string instruction, string signature, string operands) where T : Delegate =>
        (T)Compiled.GetOrAdd(instruction + signature, _ =>
            Wasm.Instantiate($"(module (func (export \"f\") {signature} ({instruction} {operands})))").GetFunction("f")!.AsDelegate<T>());
}
