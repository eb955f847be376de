using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Heron.Components;

namespace Heron.Bench.Micro;

/// <summary>
/// What a call through the canonical ABI costs, beside a core call: a component's <c>echo: func(s: string) -> string</c>
/// (the string lowered into guest memory through its realloc, the result lifted back, post-return run) and
/// <c>add: func(a: u32, b: u32) -> u32</c>, called dynamically (<see cref="ComponentValue"/>s) and through typed
/// delegates, beside the core <c>add</c> called dynamically (<see cref="Value"/>s) and typed; <c>relay</c>
/// passes a string to a host import and back (host defined dynamically or as a typed delegate). The
/// <c>Interpreted</c> rows run the interpreter the compiled code replaced (kept as the tests' oracle).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet requires it of benchmark classes.</remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ComponentCallBenchmarks
{
    private const string Text = """
        (component
          (import "h" (func $h (param "s" string) (result string)))
          (core module $M
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
              (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get $align))))
              (global.set $next (i32.add (local.get $p) (local.get $new_size)))
              (local.get $p))
            (func (export "echo") (param $p i32) (param $n i32) (result i32)
              (i32.store (i32.const 8) (local.get $p))
              (i32.store (i32.const 12) (local.get $n))
              (i32.const 8))
            (func (export "free") (param i32)
              (global.set $next (i32.const 1024)))
            (func (export "add") (param i32 i32) (result i32)
              (i32.add (local.get 0) (local.get 1))))
          (core instance $libc (instantiate $M))
          (core func $hc (canon lower (func $h) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $R
            (import "host" "h" (func $h (param i32 i32 i32)))
            (func (export "relay") (param i32 i32) (result i32)
              (call $h (local.get 0) (local.get 1) (i32.const 16))
              (i32.const 16)))
          (core instance $r (instantiate $R (with "host" (instance (export "h" (func $hc))))))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $libc "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "free"))))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32)
            (canon lift (core func $libc "add")))
          (func (export "relay") (param "s" string) (result string)
            (canon lift (core func $r "relay") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
              (post-return (core func $libc "free"))))
        )
        """;

    private const string CoreText = """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""";

    private static readonly ComponentValue Hello = ComponentValue.String("hello, world");
    private static readonly ComponentValue Two = ComponentValue.U32(2);
    private static readonly ComponentValue Three = ComponentValue.U32(3);
    private static readonly Value[] CoreArguments = [Value.I32(2), Value.I32(3)];

    private Store _store = null!;
    private ComponentFunction _echo = null!, _add = null!, _echoInterpreted = null!, _addInterpreted = null!, _relayInterpreted = null!;
    private Func<string, string> _echoTyped = null!, _relayDynamicHost = null!, _relayTypedHost = null!;
    private Func<uint, uint, uint> _addTyped = null!;
    private Function _coreAdd = null!;
    private Func<int, int, int> _coreAddTyped = null!;

    /// <summary>Instantiates the component (compiled, and interpreted) and the core module.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        _store = new Store(engine);
        var component = Component.FromText(engine, Text);
        ComponentInstance Instantiate(bool interpret, bool typedHost)
        {
            var linker = new ComponentLinker(engine) { InterpretCanonicalAbi = interpret };
            if (typedHost) linker.Root.DefineFunction("h", (string s) => s);
            else linker.Root.DefineFunction("h", args => args[0]);
            return linker.Instantiate(_store, component);
        }
        var compiled = Instantiate(interpret: false, typedHost: false);
        var interpreted = Instantiate(interpret: true, typedHost: false);
        _echo = compiled.GetFunction("echo")!;
        _add = compiled.GetFunction("add")!;
        _echoTyped = compiled.GetFunction<string, string>("echo")!;
        _addTyped = compiled.GetFunction<uint, uint, uint>("add")!;
        _relayDynamicHost = compiled.GetFunction<string, string>("relay")!;
        _relayTypedHost = Instantiate(interpret: false, typedHost: true).GetFunction<string, string>("relay")!;
        _echoInterpreted = interpreted.GetFunction("echo")!;
        _addInterpreted = interpreted.GetFunction("add")!;
        _relayInterpreted = interpreted.GetFunction("relay")!;
        var core = new Linker(engine).Instantiate(_store, Module.FromText(engine, CoreText));
        _coreAdd = core.GetFunction("add")!;
        _coreAddTyped = core.GetFunction<int, int, int>("add")!;
    }

    /// <summary>Releases the store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>Core: <c>add</c> called with <see cref="Value"/>s.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("add")]
    public Value[] CoreAddDynamic() => _coreAdd.Invoke(CoreArguments);

    /// <summary>Core: <c>add</c> through its typed delegate.</summary>
    [Benchmark, BenchmarkCategory("add")]
    public int CoreAddTyped() => _coreAddTyped(2, 3);

    /// <summary>Component: <c>add</c> called with <see cref="ComponentValue"/>s.</summary>
    [Benchmark, BenchmarkCategory("add")]
    public ComponentValue? ComponentAddDynamic() => _add.Invoke(Two, Three);

    /// <summary>Component: <c>add</c> through a typed delegate.</summary>
    [Benchmark, BenchmarkCategory("add")]
    public uint ComponentAddTyped() => _addTyped(2, 3);

    /// <summary>Component: <c>add</c> interpreted, as before the canonical ABI was compiled.</summary>
    [Benchmark, BenchmarkCategory("add")]
    public ComponentValue? ComponentAddInterpreted() => _addInterpreted.Invoke(Two, Three);

    /// <summary>Component: <c>echo</c> called with <see cref="ComponentValue"/>s.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("echo")]
    public ComponentValue? EchoDynamic() => _echo.Invoke(Hello);

    /// <summary>Component: <c>echo</c> through a typed delegate.</summary>
    [Benchmark, BenchmarkCategory("echo")]
    public string EchoTyped() => _echoTyped("hello, world");

    /// <summary>Component: <c>echo</c> interpreted, as before.</summary>
    [Benchmark, BenchmarkCategory("echo")]
    public ComponentValue? EchoInterpreted() => _echoInterpreted.Invoke(Hello);

    /// <summary>Component: a string to a host import and back, the host a <see cref="HostFunctionHandler"/>.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("relay")]
    public string RelayDynamicHost() => _relayDynamicHost("hello, world");

    /// <summary>Component: a string to a host import and back, the host a typed delegate.</summary>
    [Benchmark, BenchmarkCategory("relay")]
    public string RelayTypedHost() => _relayTypedHost("hello, world");

    /// <summary>Component: the relay interpreted on both sides and called with a <see cref="ComponentValue"/>, as before.</summary>
    [Benchmark, BenchmarkCategory("relay")]
    public ComponentValue? RelayInterpreted() => _relayInterpreted.Invoke(Hello);
}
