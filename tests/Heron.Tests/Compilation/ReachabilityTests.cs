using Heron.Compilation;
using Heron.Tests.Runtime;

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

    [Fact]
    public void ACallThatTrapsWhenItReturnsIsColdOffTheEntryPath()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, """
            (module
              (func $panic (param i32))                                ;; 0
              (func $main_loop)                                        ;; 1
              (func $work (param i32) (result i32)                     ;; 2
                (if (local.get 0) (then (call $panic (i32.const 1)) (unreachable)))
                (call $main_loop)
                (local.get 0))
              (func $entry                                             ;; 3
                (call $main_loop)
                (unreachable)))
            """).Description;
        var work = ModuleCompiler.CallsOf(engine, module, 2);
        Assert.Equal([0], work.ColdCallees);
        Assert.Equal([1], work.Callees);
        // Straight from the entry, a call followed by unreachable may be the whole program: not cold.
        var entry = ModuleCompiler.CallsOf(engine, module, 3);
        Assert.Empty(entry.ColdCallees);
        Assert.Equal([1], entry.Callees);
    }

    [Fact]
    public void WhatOnlyColdCallsReachIsNotCompiledAheadButStillRuns()
    {
        var module = Module.FromText(new Engine(), """
            (module
              (memory (export "memory") 1)
              (func $report (param i32) (i32.store (i32.const 0) (call $format (local.get 0))))
              (func $format (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (func (export "check") (param i32) (result i32)
                (if (i32.gt_u (local.get 0) (i32.const 9)) (then (call $report (local.get 0)) (unreachable)))
                (local.get 0)))
            """);
        var engine = new Engine();
        var sites = Enumerable.Range(0, 3).Select(f => ModuleCompiler.CallsOf(engine, module.Description, f)).ToArray();
        Assert.Equal([0], sites[2].ColdCallees);
        var validation = Heron.Validation.ModuleValidator.Validate(module.Description, WasmFeatures.Wasm3);
        Assert.Equal([false, false, true], Reachability.Of(module.Description, validation, sites));

        // Called after all, the cold path is compiled then and runs to its trap.
        var instance = new Linker(module.Engine).Instantiate(new Store(module.Engine), module);
        Assert.Equal(5, instance.Call("check", Value.I32(5))[0].AsI32());
        var trap = Assert.Throws<TrapException>(() => instance.Call("check", Value.I32(14)));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal(42, instance.GetMemory("memory")!.ReadInt32(0));
    }
}
