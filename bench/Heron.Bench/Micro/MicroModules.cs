namespace Heron.Bench.Micro;

/// <summary>
/// The modules the micro-benchmarks run, in the text format so both engines start from the same source.
/// Loops count down to zero so the loop itself costs one decrement and one branch.
/// </summary>
internal static class MicroModules
{
    /// <summary>Calls: <c>add</c> for host→wasm, and loops that call a wasm function, a host import, or through a table.</summary>
    public const string Calls = """
        (module
          (type $binary (func (param i32 i32) (result i32)))
          (import "host" "add" (func $host_add (type $binary)))
          (table 4 funcref)
          (elem (i32.const 0) func $add $sub $add $sub)
          (func $add (export "add") (type $binary)
            (i32.add (local.get 0) (local.get 1)))
          (func $sub (type $binary)
            (i32.sub (local.get 0) (local.get 1)))
          (func (export "wasm_calls") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (call $add (local.get $acc) (local.get $n)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "host_calls") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (call $host_add (local.get $acc) (local.get $n)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "indirect_calls") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (call_indirect (type $binary)
                  (local.get $acc) (local.get $n) (i32.and (local.get $n) (i32.const 3))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """;

    /// <summary>
    /// Exceptions: loops whose every iteration throws an i32 and catches it with a try_table in the same
    /// function or around a call to a function that throws, and one whose try_table sees no throw.
    /// </summary>
    public const string Exceptions = """
        (module
          (tag $e (param i32))
          (func $thrower (param i32) (throw $e (local.get 0)))
          (func $returner (param i32) (result i32) (local.get 0))
          (func (export "throw_local") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc)
                  (block $caught (result i32)
                    (try_table (catch $e $caught) (throw $e (local.get $n)))
                    (i32.const 0))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "throw_across_call") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc)
                  (block $caught (result i32)
                    (try_table (catch $e $caught) (call $thrower (local.get $n)))
                    (i32.const 0))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "no_throw") (param $n i32) (result i32)
            (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc)
                  (block $caught (result i32)
                    (try_table (result i32) (catch $e $caught) (call $returner (local.get $n))))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """;

    /// <summary>
    /// Memory: a load-store-load loop over the first 64 KiB (the second page is there for the last
    /// <c>offset=4</c> load), and a one-page <c>memory.grow</c>.
    /// </summary>
    public const string Memory = """
        (module
          (memory 2)
          (func (export "load_store") (param $n i32) (result i32)
            (local $acc i32)
            (local $address i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $address (i32.shl (i32.and (local.get $n) (i32.const 0x3fff)) (i32.const 2)))
                (i32.store (local.get $address) (i32.add (i32.load (local.get $address)) (local.get $n)))
                (local.set $acc (i32.xor (local.get $acc) (i32.load offset=4 (local.get $address))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "grow") (result i32)
            (memory.grow (i32.const 1))))
        """;

    /// <summary>A small module to instantiate: one memory page with data, a 10-entry table filled by an element segment, 10 functions, a global.</summary>
    public const string Small = """
        (module
          (type $unary (func (param i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "small module data")
          (table 10 funcref)
          (elem (i32.const 0) func $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $f8 $f9)
          (global $counter (mut i32) (i32.const 0))
          (func $f0 (type $unary) (i32.add (local.get 0) (i32.const 0)))
          (func $f1 (type $unary) (i32.add (local.get 0) (i32.const 1)))
          (func $f2 (type $unary) (i32.add (local.get 0) (i32.const 2)))
          (func $f3 (type $unary) (i32.add (local.get 0) (i32.const 3)))
          (func $f4 (type $unary) (i32.add (local.get 0) (i32.const 4)))
          (func $f5 (type $unary) (i32.add (local.get 0) (i32.const 5)))
          (func $f6 (type $unary) (i32.add (local.get 0) (i32.const 6)))
          (func $f7 (type $unary) (i32.add (local.get 0) (i32.const 7)))
          (func $f8 (type $unary) (i32.add (local.get 0) (i32.const 8)))
          (func $f9 (export "f9") (type $unary)
            (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
            (call_indirect (type $unary) (local.get 0) (i32.rem_u (local.get 0) (i32.const 9)))))
        """;
}
