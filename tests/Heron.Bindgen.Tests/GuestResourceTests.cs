namespace Heron.Bindgen.Tests;

/// <summary>
/// A resource the component implements, called through its generated handle class, and functions a world imports
/// and exports directly (not through an interface).
/// </summary>
public class GuestResourceTests
{
    /// <summary>Counters kept in the guest's memory: a counter's representation is its slot.</summary>
    private const string CountingComponent = """
        (component
          (import "report" (func $report (param "value" u32)))
          (core func $report-lowered (canon lower (func $report)))
          (type $counter (resource (rep i32)))
          (core func $new (canon resource.new $counter))
          (core func $rep (canon resource.rep $counter))
          (core func $drop (canon resource.drop $counter))
          (core module $M
            (import "env" "new" (func $new (param i32) (result i32)))
            (import "env" "rep" (func $rep (param i32) (result i32)))
            (import "env" "drop" (func $drop (param i32)))
            (import "env" "report" (func $report (param i32)))
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1))
            (func $alloc (param $v i32) (result i32) (local $slot i32)
              (local.set $slot (global.get $next))
              (global.set $next (i32.add (global.get $next) (i32.const 1)))
              (i32.store (i32.mul (local.get $slot) (i32.const 4)) (local.get $v))
              (local.get $slot))
            (func (export "ctor") (param $start i32) (result i32) (call $new (call $alloc (local.get $start))))
            (func (export "bump") (param $self i32) (param $by i32) (result i32) (local $v i32)
              (local.set $v (i32.add (i32.load (i32.mul (local.get $self) (i32.const 4))) (local.get $by)))
              (i32.store (i32.mul (local.get $self) (i32.const 4)) (local.get $v))
              (call $report (local.get $v))
              (local.get $v))
            (func (export "merge") (param $a i32) (param $b i32) (result i32)
              (call $new (call $alloc (i32.add (i32.load (i32.mul (local.get $a) (i32.const 4)))
                                               (i32.load (i32.mul (local.get $b) (i32.const 4)))))))
            (func (export "total") (param $c i32) (result i32) (i32.load (i32.mul (local.get $c) (i32.const 4))))
            (func (export "consume") (param $h i32) (result i32) (local $v i32)
              (local.set $v (i32.load (i32.mul (call $rep (local.get $h)) (i32.const 4))))
              (call $drop (local.get $h))
              (local.get $v))
            (func (export "twice") (param $x i32) (result i32) (i32.mul (local.get $x) (i32.const 2))))
          (core instance $m (instantiate $M (with "env" (instance
            (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop)) (export "report" (func $report-lowered))))))
          (func $ctor (param "start" u32) (result (own $counter)) (canon lift (core func $m "ctor")))
          (func $bump (param "self" (borrow $counter)) (param "by" u32) (result u32) (canon lift (core func $m "bump")))
          (func $merge (param "a" (borrow $counter)) (param "b" (borrow $counter)) (result (own $counter)) (canon lift (core func $m "merge")))
          (func $total (param "c" (borrow $counter)) (result u32) (canon lift (core func $m "total")))
          (func $consume (param "c" (own $counter)) (result u32) (canon lift (core func $m "consume")))
          (instance $counters
            (export "counter" (type $counter))
            (export "[constructor]counter" (func $ctor))
            (export "[method]counter.bump" (func $bump))
            (export "[static]counter.merge" (func $merge))
            (export "total" (func $total))
            (export "consume" (func $consume)))
          (export "test:guest/counters@0.1.0" (instance $counters))
          (func (export "twice") (param "x" u32) (result u32) (canon lift (core func $m "twice")))
        )
        """;

    [Fact]
    public void AGuestResourceIsAHandleClassAndWorldFunctionsAreDirect()
    {
        var program = $$"""
            using System.Collections.Generic;
            using Heron;
            using Heron.Components;

            [Heron.Bindgen.WitWorld]
            public partial class Counting;

            public sealed class Reports : Counting.IImports
            {
                public List<uint> Values = new();
                public void Report(uint value) => Values.Add(value);
            }

            public static class Program
            {
                public static string Run()
                {
                    var engine = new Engine();
                    var component = Component.FromText(engine, @"{{CountingComponent.Replace("\"", "\"\"")}}");
                    var linker = new ComponentLinker(engine);
                    var reports = new Reports();
                    Counting.AddToLinker(linker, reports);
                    var world = Counting.Instantiate(linker, new Store(engine), component);
                    using var a = world.Counters.CreateCounter(5);
                    var bumped = a.Bump(2);
                    using var b = world.Counters.CreateCounter(10);
                    var merged = world.Counters.CounterMerge(a, b);
                    var total = world.Counters.Total(merged);
                    var consumed = world.Counters.Consume(merged);
                    var wasConsumed = merged.Handle.IsConsumed;
                    merged.Dispose();
                    a.Dispose();
                    var dropped = a.Handle.IsConsumed;
                    return $"{bumped} {total} {consumed} {wasConsumed} {dropped} {world.Twice(21)} [{string.Join(",", reports.Values)}]";
                }
            }
            """;
        var run = GeneratorHarness.Run(program, GeneratorHarness.Sample("counting.wit"));
        Assert.Equal("7 17 17 True True 42 [7]", run.Execute());
    }
}
