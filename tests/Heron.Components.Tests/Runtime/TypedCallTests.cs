using System.Text;

namespace Heron.Components.Tests.Runtime;

/// <summary>Typed calls: exports through delegates of .NET types, and host functions defined from typed delegates.</summary>
public class TypedCallTests
{
    [Fact]
    public void ExportsAreCalledThroughDelegatesOfDotNetTypes()
    {
        var instance = EchoComponent.Instantiate();
        var echo = instance.GetFunction<string, string>("echo")!;
        var add = instance.GetFunction<uint, uint, uint>("add")!;
        Assert.Equal("héllo ❄ 雪", echo("héllo ❄ 雪"));
        Assert.Equal("", echo(""));
        Assert.Equal(5u, add(2, 3));
        Assert.Equal(1u, add(uint.MaxValue, 2));
        // The same function, called dynamically, sees the same instance.
        Assert.Equal(ComponentValue.String("x"), instance.GetFunction("echo")!.Invoke(ComponentValue.String("x")));
    }

    [Fact]
    public void ADelegateThatDoesNotFitTheTypeIsRefusedSayingWhichPart()
    {
        var instance = EchoComponent.Instantiate();
        var parameter = Assert.Throws<ArgumentException>(() => instance.GetFunction<int, int, uint>("add"));
        Assert.Contains("parameter 'a': u32 is carried by UInt32, not Int32", parameter.Message);
        var result = Assert.Throws<ArgumentException>(() => instance.GetFunction<uint, uint, ComponentValue[]>("add"));
        Assert.Contains("result: u32 is carried by UInt32, not ComponentValue[]", result.Message);
        var count = Assert.Throws<ArgumentException>(() => instance.GetFunction<string, string, string>("echo"));
        Assert.Contains("it takes 1 parameter, the delegate 2", count.Message);
        Assert.Throws<ArgumentException>(() => instance.GetAction<string>("echo"));
        Assert.Null(instance.GetFunction<string, string>("missing"));
    }

    [Fact]
    public void ComponentValueCarriesAnyTypeInATypedCall()
    {
        var instance = EchoComponent.Instantiate();
        var echo = instance.GetFunction("echo")!.AsFunc<ComponentValue, string>();
        Assert.Equal("any", echo(ComponentValue.String("any")));
        Assert.Throws<InvalidCastException>(() => instance.GetFunction("add")!.AsFunc<ComponentValue, uint, uint>()(ComponentValue.String("no"), 1));
    }

    [Fact]
    public void ANullStringArgumentIsRefusedClearly()
    {
        var echo = EchoComponent.Instantiate().GetFunction<string, string>("echo")!;
        Assert.Throws<ArgumentNullException>(() => echo(null!));
    }

    private const string HostWat = """
        (component
          (import "api" (instance $api
            (export "greet" (func (param "name" string) (result string)))
            (export "sum" (func (param "values" (list u32)) (result u64)))
            (export "swap" (func (param "pair" (tuple char string)) (result (tuple string char))))))
          (alias export $api "greet" (func $greet))
          (alias export $api "sum" (func $sum))
          (alias export $api "swap" (func $swap))
          (core module $Libc
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32)
              (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
              (global.set $next (i32.add (local.get $p) (local.get 3)))
              (local.get $p)))
          (core instance $libc (instantiate $Libc))
          (core func $greet (canon lower (func $greet) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core func $sum (canon lower (func $sum) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core func $swap (canon lower (func $swap) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $M
            (import "api" "greet" (func $greet (param i32 i32 i32)))
            (import "api" "sum" (func $sum (param i32 i32) (result i64)))
            (import "api" "swap" (func $swap (param i32 i32 i32 i32)))
            (func (export "greet") (param i32 i32) (result i32) (call $greet (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "sum") (param i32 i32) (result i64) (call $sum (local.get 0) (local.get 1)))
            (func (export "swap") (param i32 i32 i32) (result i32) (call $swap (local.get 0) (local.get 1) (local.get 2) (i32.const 32)) (i32.const 32)))
          (core instance $m (instantiate $M (with "api" (instance (export "greet" (func $greet)) (export "sum" (func $sum)) (export "swap" (func $swap))))))
          (func (export "greet") (param "name" string) (result string)
            (canon lift (core func $m "greet") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func (export "sum") (param "values" (list u32)) (result u64)
            (canon lift (core func $m "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (func (export "swap") (param "pair" (tuple char string)) (result (tuple string char))
            (canon lift (core func $m "swap") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
        )
        """;

    [Fact]
    public void HostFunctionsDefinedFromTypedDelegatesAreCalledWithDotNetValues()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Instance("api")
            .DefineFunction("greet", (string name) => "hello, " + name)
            .DefineFunction("sum", (uint[] values) => values.Aggregate(0ul, (total, v) => total + v))
            .DefineFunction("swap", ((Rune Letter, string Word) pair) => (pair.Word, pair.Letter));
        var instance = linker.Instantiate(new Store(engine), Component.FromText(engine, HostWat));
        Assert.Equal("hello, wörld", instance.GetFunction<string, string>("greet")!("wörld"));
        Assert.Equal(6ul + uint.MaxValue, instance.GetFunction<uint[], ulong>("sum")!([1, 2, 3, uint.MaxValue]));
        Assert.Equal(0ul, instance.GetFunction<List<uint>, ulong>("sum")!([]));
        var swap = instance.GetFunction<(Rune, string), (string, Rune)>("swap")!;
        Assert.Equal(("snow", new Rune(0x2744)), swap((new Rune(0x2744), "snow")));
        // char carries a char of the BMP as well as Rune does.
        Assert.Equal(("x", 'é'), instance.GetFunction<(char, string), (string, char)>("swap")!(('é', "x")));
    }

    [Fact]
    public void ATypedHostFunctionThatDoesNotFitTheImportFailsToLinkSayingWhy()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Instance("api")
            .DefineFunction("greet", (int name) => name)
            .DefineFunction("sum", (uint[] values) => 0ul)
            .DefineFunction("swap", ((Rune, string) pair) => (pair.Item2, pair.Item1));
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(new Store(engine), Component.FromText(engine, HostWat)));
        Assert.Contains("'greet'", error.Message);
        Assert.Contains("parameter 'name': string is carried by String, not Int32", error.Message);
    }

    [Fact]
    public void ATypedHostFunctionCalledDynamicallyConvertsItsValues()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Root.DefineFunction("f", (uint[] values, string text) => $"{text}{values.Sum(v => v)}");
        var component = Component.FromText(engine, """
            (component (import "f" (func $f (param "values" (list u32)) (param "text" string) (result string))) (export "g" (func $f)))
            """);
        var g = linker.Instantiate(new Store(engine), component).GetFunction("g")!;
        Assert.Equal(ComponentValue.String("n=6"), g.Invoke(ComponentValue.List([ComponentValue.U32(1), ComponentValue.U32(5)]), ComponentValue.String("n=")));
        Assert.Equal("n=3", g.AsFunc<uint[], string, string>()([1, 2], "n="));
    }
}
