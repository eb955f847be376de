using Heron.Compilation;
using Heron.Tests.Runtime;

namespace Heron.Tests.Compilation;

/// <summary>
/// A br_table whose cases only set one local to a constant is compiled as a table lookup (ValueSwitch):
/// the same results as the block-per-case form for every index, labels that keep the local or leave the
/// join still honoured, and what the bounds checks knew about the local forgotten at the join.
/// </summary>
public class ValueSwitchTests
{
    // Labels: $d0 $d1 $join $d2 $d3 $skip $d4 $d0, default $d4. $d1's case is empty (it runs $d2's),
    // $join keeps $x, $skip leaves past the join, $d4's case falls into the join.
    private const string Wat = """
        (module
          (memory 1)
          (func (export "pick") (param $i i32) (result i32) (local $x i32)
            (local.set $x (i32.const -1))
            (block $skip
              (block $join
                (block $d4
                  (block $d3
                    (block $d2
                      (block $d1
                        (block $d0
                          (br_table $d0 $d1 $join $d2 $d3 $skip $d4 $d0 $d4 (local.get $i)))
                        (local.set $x (i32.const 10))
                        (br $join)))
                    (local.set $x (i32.const 30))
                    (br $join))
                  (local.set $x (i32.const 40))
                  (br $join))
                (local.set $x (i32.const 50)))
              (return (i32.add (local.get $x) (i32.const 1000))))
            (i32.const -7))

          (func (export "wide") (param $i i32) (param $x i64) (result i64)
            (block $join
              (block $d3
                (block $d2
                  (block $d1
                    (block $d0
                      (br_table $d0 $d1 $d2 $d3 $d0 $d2 (local.get $i)))
                    (local.set $x (i64.const 0x123456789a))
                    (br $join))
                  (local.set $x (i64.const -5))
                  (br $join))
                (local.set $x (i64.const 7))
                (br $join))
              (local.set $x (i64.const 0x7fffffffffffffff)))
            (local.get $x))

          (func (export "facts") (param $i i32) (result i32) (local $p i32)
            (drop (i32.load (local.get $p)))
            (block $join
              (block $d3
                (block $d2
                  (block $d1
                    (block $d0
                      (br_table $d0 $d1 $d2 $d3 $join (local.get $i)))
                    (local.set $p (i32.const 65536))
                    (br $join))
                  (local.set $p (i32.const 65532))
                  (br $join))
                (local.set $p (i32.const 8))
                (br $join))
              (local.set $p (i32.const 70000)))
            (i32.load (local.get $p)))

          (func (export "fallthrough") (param $i i32) (result i32) (local $x i32)
            (block $join
              (block $d4
                (block $d3
                  (block $d2
                    (block $d1
                      (block $d0
                        (br_table $d0 $d1 $d2 $d3 $d4 $join (local.get $i)))
                      (local.set $x (i32.const 1))
                      (br $join))
                    (local.set $x (i32.const 2)))
                  (local.set $x (i32.const 3))
                  (br $join))
                (local.set $x (i32.const 4))
                (br $join))
              (local.set $x (i32.const 5)))
            (local.get $x)))
        """;

    public static TheoryData<string> Configurations => ["ahead", "lazy", "tiered", "fuel"];

    private static Instance Instantiate(string configuration)
    {
        var engine = new Engine(configuration switch
        {
            "lazy" => new EngineConfig { Strategy = CompileStrategy.Lazy },
            "tiered" => new EngineConfig { TieredJit = true, CompileAhead = false },
            "fuel" => new EngineConfig { ConsumeFuel = true },
            _ => new EngineConfig(),
        });
        var store = new Store(engine);
        if (configuration == "fuel") store.SetFuel(1_000_000);
        return new Linker(engine).Instantiate(store, Module.FromText(engine, Wat));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void EveryIndexGivesTheCaseItsLabelNames(string configuration)
    {
        var instance = Instantiate(configuration);
        int Pick(int i) => instance.Call("pick", Value.I32(i))[0].AsI32();
        Assert.Equal(1010, Pick(0));
        Assert.Equal(1030, Pick(1)); // an empty case runs the next one
        Assert.Equal(999, Pick(2)); // the join: $x keeps -1
        Assert.Equal(1030, Pick(3));
        Assert.Equal(1040, Pick(4));
        Assert.Equal(-7, Pick(5)); // a label outside the join
        Assert.Equal(1050, Pick(6)); // a case falling into the join
        Assert.Equal(1010, Pick(7));
        Assert.Equal(1050, Pick(8)); // the default
        Assert.Equal(1050, Pick(1 << 20));
        Assert.Equal(1050, Pick(-1)); // the index is unsigned
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void AnI64ParameterGetsItsConstants(string configuration)
    {
        var instance = Instantiate(configuration);
        long Wide(int i) => instance.Call("wide", Value.I32(i), Value.I64(99))[0].AsI64();
        Assert.Equal(0x123456789aL, Wide(0));
        Assert.Equal(-5L, Wide(1));
        Assert.Equal(7L, Wide(2));
        Assert.Equal(long.MaxValue, Wide(3));
        Assert.Equal(0x123456789aL, Wide(4));
        Assert.Equal(7L, Wide(5)); // the default
        Assert.Equal(7L, Wide(-100));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void AnAddressSetByTheTableIsCheckedAgainAfterTheJoin(string configuration)
    {
        var instance = Instantiate(configuration);
        Assert.Equal(0, instance.Call("facts", Value.I32(4))[0].AsI32()); // the join: $p stays 0
        Assert.Equal(0, instance.Call("facts", Value.I32(1))[0].AsI32()); // 65532: the last word of the page
        Assert.Throws<TrapException>(() => instance.Call("facts", Value.I32(0))); // 65536
        Assert.Throws<TrapException>(() => instance.Call("facts", Value.I32(3))); // 70000
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ACaseThatRunsIntoAnotherIsCompiledAsAJumpTable(string configuration)
    {
        var instance = Instantiate(configuration);
        int Fall(int i) => instance.Call("fallthrough", Value.I32(i))[0].AsI32();
        Assert.Equal(1, Fall(0));
        Assert.Equal(3, Fall(1)); // 2, then the next case's 3
        Assert.Equal(3, Fall(2));
        Assert.Equal(4, Fall(3));
        Assert.Equal(5, Fall(4));
        Assert.Equal(0, Fall(5));
        Assert.Equal(0, Fall(6));
    }

    [Fact]
    public void AValueSwitchBecomesATableLookupWithoutAJumpPerCase()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Wat).Description;
        var wide = ModuleCompiler.List(engine, module, 1).Lines;
        Assert.DoesNotContain(wide, line => line.Contains("switch"));
        Assert.Contains(wide, line => line.Contains("ldsflda"));
        // The cases' code is never emitted: no constant of theirs is in the CIL.
        Assert.DoesNotContain(wide, line => line.Contains("ldc.i8") && line.Contains("78187493530"));
        var fallthrough = ModuleCompiler.List(engine, module, 3).Lines;
        Assert.Contains(fallthrough, line => line.Contains("switch"));
        Assert.DoesNotContain(fallthrough, line => line.Contains("ldsflda"));
    }
}
