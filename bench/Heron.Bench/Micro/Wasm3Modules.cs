namespace Heron.Bench.Micro;

/// <summary>
/// The WebAssembly 3.0 micro-benchmark modules (tail calls, 64-bit memories) as text, for both engines.
/// </summary>
internal static class Wasm3Modules
{
    /// <summary>
    /// Mutual recursion $even/$odd counting <c>n</c> down, four ways: with <c>return_call</c> between two functions of
    /// one signature (a tail call the .NET JIT makes a jump), the same through <c>return_call_indirect</c>, a
    /// tail call between a narrow and a wide signature (eight i64 parameters: on System V x64 more stack arguments
    /// than the caller has, so the JIT's helper-based tail call), and plain <c>call</c> recursion as the reference.
    /// </summary>
    public const string TailCalls = """
        (module
          (type $pair (func (param i32 i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $even_indirect $odd_indirect)
          (func $even (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $odd (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1))))))
          (func $odd (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $even (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
          (func $even_indirect (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call_indirect (type $pair)
                (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1)) (i32.const 1)))))
          (func $odd_indirect (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call_indirect (type $pair)
                (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2)) (i32.const 0)))))
          (func $narrow (param i32 i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $wide (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1))
                (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8)))))
          (func $wide (param i32 i32 i64 i64 i64 i64 i64 i64 i64 i64) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $narrow (i32.sub (local.get 0) (i32.const 1))
                (i32.add (local.get 1) (i32.wrap_i64 (i64.add (local.get 2) (local.get 9))))))))
          (func $even_call (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (call $odd_call (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 1))))))
          (func $odd_call (type $pair)
            (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
              (else (call $even_call (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
          (func (export "tail_same") (param i32) (result i32) (call $even (local.get 0) (i32.const 0)))
          (func (export "tail_indirect") (param i32) (result i32) (call $even_indirect (local.get 0) (i32.const 0)))
          (func (export "tail_wider") (param i32) (result i32) (call $narrow (local.get 0) (i32.const 0)))
          (func (export "plain_call") (param i32) (result i32) (call $even_call (local.get 0) (i32.const 0))))
        """;

    /// <summary>
    /// The load-add-store-load loop of <see cref="MicroModules.Memory"/> over 64 KiB in a 64-bit memory (i64 addresses
    /// computed the same way), to price memory64's bounds checks beside the 32-bit module.
    /// </summary>
    public const string Memory64 = """
        (module
          (memory i64 2)
          (func (export "load_store") (param $n i32) (result i32)
            (local $acc i32)
            (local $address i64)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $address (i64.shl (i64.extend_i32_u (i32.and (local.get $n) (i32.const 0x3fff))) (i64.const 2)))
                (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (local.get $n)))
                (local.set $acc (i32.xor (local.get $acc) (i32.load offset=4 (local.get $address))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """;
}
