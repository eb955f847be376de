using Heron.Components.Canon;
using Heron.Components.Runtime;

namespace Heron.Components.Tests.Canon;

/// <summary>A core instance with one memory and a bump-allocating realloc that counts its calls, for canonical ABI tests.</summary>
internal sealed class CoreMemoryFixture
{
    private const string Wat = """
        (module
          (memory (export "mem") 1)
          (global $next (export "next") (mut i32) (i32.const 1024))
          (global $calls (export "calls") (mut i32) (i32.const 0))
          (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
            (local $p i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get $align))))
            (global.set $next (i32.add (local.get $p) (local.get $new_size)))
            (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old)
              (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
            (local.get $p)))
        """;

    public CoreMemoryFixture()
    {
        var engine = new Engine();
        var store = new Store(engine);
        Instance = new Linker(engine).Instantiate(store, Module.FromText(engine, Wat));
        Memory = Instance.GetMemory("mem")!;
        Realloc = Instance.GetFunction("realloc")!;
    }

    public Instance Instance { get; }
    public Memory Memory { get; }
    public Function Realloc { get; }

    public int ReallocCalls => Instance.GetGlobal("calls")!.Value.AsI32();

    public CanonContext Context(StringEncoding encoding = StringEncoding.Utf8) =>
        new(Abi(encoding), new CallScope());

    public CanonicalAbi Abi(StringEncoding encoding = StringEncoding.Utf8) =>
        new(new CanonOptions { Memory = Memory, Realloc = Realloc, Encoding = encoding }, new InstanceState(null));
}
