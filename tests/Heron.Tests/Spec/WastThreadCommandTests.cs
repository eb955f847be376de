using Heron.Wast;

namespace Heron.Tests.Spec;

/// <summary>The threads proposal's script commands: <c>(thread ...)</c> runs on its own thread and <c>(wait ...)</c> reports its outcomes.</summary>
public sealed class WastThreadCommandTests
{
    private const string Memory = """
        ;;! threads = true
        (module $Mem (memory (export "shared") 1 1 shared))
        """;

    [Fact]
    public void Threads_run_at_the_same_time_and_share_the_scripts_memory()
    {
        // $Waiter blocks until $Notifier wakes it: run one after the other, the waiter would time out (2).
        const string script = Memory + """
            (thread $Waiter (shared (module $Mem))
              (register "mem" $Mem)
              (module (memory (import "mem" "shared") 1 1 shared)
                (func (export "run") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 60000000000))))
              (assert_return (invoke "run") (i32.const 0)))
            (thread $Notifier (shared (module $Mem))
              (register "mem" $Mem)
              (module (memory (import "mem" "shared") 1 1 shared)
                (func (export "run")
                  (i32.atomic.store (i32.const 8) (i32.const 42))
                  (loop (br_if 0 (i32.eqz (memory.atomic.notify (i32.const 0) (i32.const 1)))))))
              (invoke "run"))
            (wait $Waiter)
            (wait $Notifier)
            (module (memory (import "Mem" "shared") 1 1 shared)
              (func (export "seen") (result i32) (i32.atomic.load (i32.const 8))))
            (assert_return (invoke "seen") (i32.const 42))
            """;
        var result = new WastRunner(WasmFeatures.Wasm3).RunText(script, "threads.wast");
        Assert.Empty(result.Failures);
        // $Mem, two thread starts and their six commands, two waits, the last module and its assertion.
        Assert.Equal((13, 0), (result.Passed, result.Skipped));
    }

    [Fact]
    public void A_failure_inside_a_thread_is_reported_at_its_own_line_when_the_thread_is_waited_for()
    {
        const string script = Memory + """

            (thread $T (shared (module $Mem))
              (module (func (export "one") (result i32) (i32.const 1)))
              (assert_return (invoke "one") (i32.const 2)))
            (wait $T)
            (wait $Nobody)
            """;
        var result = new WastRunner(WasmFeatures.Wasm3).RunText(script, "fails.wast");
        Assert.Equal(2, result.Failures.Count);
        Assert.Equal(("assert_return", 5), (result.Failures[0].Command, result.Failures[0].Line));
        Assert.Contains("expected i32:2", result.Failures[0].Message);
        Assert.Equal("wait", result.Failures[1].Command);
    }
}
