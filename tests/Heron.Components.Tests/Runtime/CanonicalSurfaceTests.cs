namespace Heron.Components.Tests.Runtime;

/// <summary>The low-level surface generated bindings use: exports called and host imports given with flat core values.</summary>
public class CanonicalSurfaceTests
{
    private static string Echo(CanonicalFunction echo, string text)
    {
        var core = echo.Core.AsFunc<int, int, int>();
        var post = echo.PostReturn!.AsAction<int>();
        var call = echo.Enter();
        var completed = false;
        try
        {
            var (pointer, length) = call.Abi.StoreString(text);
            var area = (uint)core((int)pointer, (int)length);
            call.Abi.CheckPointer(area, 8, 4);
            var memory = call.Abi.Memory;
            var result = call.Abi.LoadString((uint)memory.ReadInt32(area), (uint)memory.ReadInt32(area + 4));
            call.Return();
            post((int)area);
            completed = true;
            return result;
        }
        finally
        {
            call.Exit(completed);
        }
    }

    [Fact]
    public void AnExportIsCalledWithFlatValuesThroughItsCanonicalSide()
    {
        var echo = EchoComponent.Instantiate().GetFunction("echo")!.Canonical!;
        Assert.False(echo.ParametersInMemory);
        Assert.True(echo.ResultInMemory);
        Assert.Equal(StringEncoding.Utf8, echo.Abi.StringEncoding);
        Assert.Equal("héllo ❄", Echo(echo, "héllo ❄"));
        Assert.Equal("again", Echo(echo, "again"));
    }

    [Fact]
    public void EnteringAnInstanceTwiceTrapsAndACallThatFailedLeavesItUnusable()
    {
        var instance = EchoComponent.Instantiate();
        var echo = instance.GetFunction("echo")!.Canonical!;
        var call = echo.Enter();
        var reentry = Assert.Throws<TrapException>(() => echo.Enter());
        Assert.Contains("cannot enter component instance", reentry.Message);
        call.Exit(completed: false);
        var after = Assert.Throws<TrapException>(() => instance.GetFunction("add")!.Invoke(ComponentValue.U32(1), ComponentValue.U32(2)));
        Assert.Contains("cannot enter component instance", after.Message);
    }

    [Fact]
    public void AReExportedHostFunctionHasNoCanonicalSide()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Root.DefineFunction("f", _ => null);
        var component = Component.FromText(engine, """(component (import "f" (func $f)) (export "g" (func $f)))""");
        var instance = linker.Instantiate(new Store(engine), component);
        Assert.Null(instance.GetFunction("g")!.Canonical);
        Assert.NotNull(EchoComponent.Instantiate(engine).GetFunction("add")!.Canonical);
    }

    private const string GreetWat = """
        (component
          (import "greet" (func $greet (param "name" string) (result string)))
          (core module $Libc
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32)
              (local $p i32)
              (local.set $p (global.get $next))
              (global.set $next (i32.add (global.get $next) (local.get 3)))
              (local.get $p)))
          (core instance $libc (instantiate $Libc))
          (core func $greet (canon lower (func $greet) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $M
            (import "api" "greet" (func $greet (param i32 i32 i32)))
            (func (export "hello") (param $ptr i32) (param $len i32) (result i32)
              (call $greet (local.get $ptr) (local.get $len) (i32.const 16))
              (i32.const 16)))
          (core instance $m (instantiate $M (with "api" (instance (export "greet" (func $greet))))))
          (func (export "hello") (param "name" string) (result string)
            (canon lift (core func $m "hello") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
        )
        """;

    [Fact]
    public void AHostImportGivenInFlatFormLiftsAndLowersThroughTheCaller()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Root.DefineCanonicalFunction("greet", new Action<CanonicalCaller, int, int, int>((caller, pointer, length, result) =>
        {
            var name = caller.Abi.LoadString((uint)pointer, (uint)length);
            var (text, units) = caller.Abi.StoreString("hello, " + name);
            caller.Abi.Memory.WriteInt32(result, (int)text);
            caller.Abi.Memory.WriteInt32(result + 4, (int)units);
        }));
        var instance = linker.Instantiate(new Store(engine), Component.FromText(engine, GreetWat));
        Assert.Equal("hello, wörld", instance.GetFunction("hello")!.Invoke(ComponentValue.String("wörld"))!.AsString());
    }

    [Fact]
    public void AFlatHostFunctionOfTheWrongCoreTypeFailsToLinkNamingBothTypes()
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        linker.Root.DefineCanonicalFunction("greet", new Func<CanonicalCaller, int, int, int>((_, _, _) => 0));
        var error = Assert.Throws<LinkException>(() => linker.Instantiate(new Store(engine), Component.FromText(engine, GreetWat)));
        Assert.Contains("'greet' is (func (param i32 i32) (result i32))", error.Message);
        Assert.Contains("as (func (param i32 i32 i32))", error.Message);
    }

    [Fact]
    public void AFlatHostFunctionMustTakeTheCallerFirst()
    {
        var linker = new ComponentLinker(new Engine());
        Assert.Throws<ArgumentException>(() => linker.Root.DefineCanonicalFunction("f", new Func<int, int>(x => x)));
    }
}
