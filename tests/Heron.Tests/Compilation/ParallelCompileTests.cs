using System.Text;

namespace Heron.Tests.Compilation;

/// <summary>
/// Modules with 64 KB of code or more have their bodies compiled on several threads that share the
/// module builder's tokens: every function must come out exactly as if compiled alone.
/// </summary>
public class ParallelCompileTests
{
    /// <summary>
    /// 400 functions, each reading and writing memory, a global, calling its neighbour directly and
    /// through the table: every kind of token the compiler names. f(i) returns a value that depends on all of it.
    /// </summary>
    private static string LargeModule(int count)
    {
        var text = new StringBuilder("(module (memory 1) (global $g (mut i32) (i32.const 0))\n");
        text.Append("(type $t (func (param i32) (result i32)))\n");
        text.Append($"(table {count} funcref) (elem (i32.const 0)");
        for (int i = 0; i < count; i++) text.Append($" $f{i}");
        text.Append(")\n");
        for (int i = 0; i < count; i++)
        {
            text.Append($"(func $f{i} (export \"f{i}\") (type $t) (local i32 i64 f64)\n");
            // a long, branchy body so the module passes the parallel threshold
            for (int k = 0; k < 12; k++)
            {
                text.Append($"  (i32.store offset={4 * k} (i32.const {64 * i}) (i32.add (local.get 0) (i32.const {k + i})))\n");
                text.Append($"  (local.set 1 (i32.add (local.get 1) (i32.load offset={4 * k} (i32.const {64 * i}))))\n");
                text.Append($"  (local.set 2 (i64.add (local.get 2) (i64.extend_i32_u (local.get 1))))\n");
                text.Append($"  (local.set 3 (f64.add (local.get 3) (f64.convert_i32_s (local.get 1))))\n");
                text.Append($"  (if (i32.gt_u (local.get 1) (i32.const {1000 + k})) (then (global.set $g (i32.add (global.get $g) (i32.const 1)))))\n");
            }
            if (i > 0)
            {
                text.Append($"  (if (i32.gt_s (local.get 0) (i32.const 0)) (then\n");
                text.Append($"    (local.set 1 (i32.add (local.get 1) (call $f{i - 1} (i32.sub (local.get 0) (i32.const 1)))))\n");
                text.Append($"    (local.set 1 (i32.add (local.get 1) (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const {i - 1}))))))\n");
            }
            text.Append("  (i32.add (local.get 1) (i32.add (i32.wrap_i64 (local.get 2)) (i32.trunc_f64_s (f64.div (local.get 3) (f64.const 16))))))\n");
        }
        return text.Append(')').ToString();
    }

    [Fact]
    public void EveryFunctionOfALargeModuleComputesWhatItsCodeSays()
    {
        const int count = 400;
        var engine = new Engine();
        for (int round = 0; round < 3; round++)
        {
            var module = Module.FromText(engine, LargeModule(count));
            Assert.True(module.Description.Bodies.Sum(body => body.Code.Length) >= 64 * 1024, "the module must be large enough to compile in parallel");
            var instance = new Linker(engine).Instantiate(new Store(engine), module);
            for (int i = 0; i < count; i += 7)
                Assert.Equal(Expected(i, 3), instance.GetFunction<int, int>($"f{i}")!(3));
        }
    }

    /// <summary>f(i)(x) computed in C# from the text above (each function's memory words are its own).</summary>
    private static int Expected(int i, int x)
    {
        int sum = 0;
        long wide = 0;
        double real = 0;
        for (int k = 0; k < 12; k++)
        {
            sum += x + k + i;
            wide += (uint)sum;
            real += sum;
        }
        if (i > 0 && x > 0) sum += 2 * Expected(i - 1, x - 1);
        return sum + (int)wide + (int)Math.Truncate(real / 16);
    }
}
