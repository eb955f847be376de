using Heron.Compilation;

namespace Heron.Tests.Compilation;

/// <summary>Compiling ahead skips the functions nothing can ever call; every root must count.</summary>
public class ReachabilityTests
{
    [Fact]
    public void EveryWayToAFunctionCountsAndDeadCodeDoesNot()
    {
        var module = Module.FromText(new Engine(), """
            (module
              (table 4 funcref)
              (func $exported (export "run") (call $callee))           ;; 0: export
              (func $callee)                                           ;; 1: called by 0
              (func $in_table)                                         ;; 2: element segment
              (func $in_global)                                        ;; 3: ref.func in a global
              (func $dead (call $only_from_dead))                      ;; 4: nothing reaches it
              (func $only_from_dead)                                   ;; 5: called by dead code only
              (func $start)                                            ;; 6: start
              (func $in_expression)                                    ;; 7: element expression
              (func $taken (drop (ref.func $by_ref)))                  ;; 8: element (declare) + takes 9
              (func $by_ref)                                           ;; 9: ref.func in code
              (elem (i32.const 0) $in_table)
              (elem funcref (ref.func $in_expression))
              (elem declare func $taken $by_ref)
              (global funcref (ref.func $in_global))
              (start $start))
            """).Description;
        // The direct calls as the compiler records them: 0 calls 1, 4 calls 5 (9 is referenced by its
        // declaration, as every ref.func target must be).
        var sites = Enumerable.Range(0, 10).Select(_ => new CallSites()).ToArray();
        sites[0].Callees.Add(1);
        sites[4].Callees.Add(5);
        var validation = Heron.Validation.ModuleValidator.Validate(module, WasmFeatures.Wasm3);
        var reachable = Reachability.Of(module, validation, sites);
        Assert.Equal([true, true, true, true, false, false, true, true, true, true], reachable);
    }
}
