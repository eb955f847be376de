namespace Heron.Tests.Runtime;

public sealed class SmokeTests
{
    [Fact]
    public void AddsTwoNumbers()
    {
        var instance = Wasm.Instantiate("""
            (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
            """);
        Assert.Equal(5, instance.Call("add", 2, 3)[0].AsI32());
        Assert.Equal(7, instance.GetFunction<int, int, int>("add")!(3, 4));
    }

    [Fact]
    public void RecursiveFactorialWithBlocksAndBranches()
    {
        var instance = Wasm.Instantiate("""
            (module
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func (export "loop") (param i32) (result i32) (local i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get 0)))
                    (local.set 1 (i32.add (local.get 1) (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $next)))
                (local.get 1)))
            """);
        Assert.Equal(3628800L, instance.Call("fac", 10L)[0].AsI64());
        Assert.Equal(5050, instance.Call("loop", 100)[0].AsI32());
    }
}
