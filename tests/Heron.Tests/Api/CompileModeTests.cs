namespace Heron.Tests.Api;

/// <summary>The same module gives the same results however the .NET JIT is scheduled (ahead, in the background, lazily).</summary>
public sealed class CompileModeTests
{
    private const string Wat = """
        (module
          (type $unary (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $double $fib)
          (start $init)
          (global $g (mut i32) (i32.const 0))
          (func $init (global.set $g (i32.const 5)))
          (func $double (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
          (func $fib (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "run") (param i32) (result i32) (local i32)
            (loop $next
              (local.set 1 (i32.add (local.get 1)
                (call_indirect (type $unary) (local.get 0) (i32.rem_u (local.get 0) (i32.const 2)))))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $next (i32.gt_s (local.get 0) (i32.const 0))))
            (i32.add (local.get 1) (global.get $g))))
        """;

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    public void ResultsDoNotDependOnWhenTheJitRuns(bool ahead, bool background, bool tiered)
    {
        var engine = new Engine(new EngineConfig { CompileAhead = ahead, CompileInBackground = background, TieredJit = tiered });
        for (int i = 0; i < 3; i++)
        {
            var module = Module.FromText(engine, Wat);
            var instance = new Linker(engine).Instantiate(new Store(engine), module);
            // n = 10..1: odd n → fib(n) (34+13+5+2+1), even n → 2n (20+16+12+8+4); plus the start function's 5.
            Assert.Equal(55 + 60 + 5, instance.GetFunction<int, int>("run")!(10));
        }
    }
}
