namespace Heron.Components.Tests.Runtime;

public class HostImportTests
{
    /// <summary>Imports a host interface with a resource and a string function, and exports functions that use them.</summary>
    private const string HostWat = """
        (component
          (import "test:host/api" (instance $api
            (export "counter" (type $counter (sub resource)))
            (export "[constructor]counter" (func (param "start" u32) (result (own $counter))))
            (export "[method]counter.bump" (func (param "self" (borrow $counter)) (result u32)))
            (export "greet" (func (param "name" string) (result string)))))
          (alias export $api "counter" (type $counter))
          (core func $new (canon lower (func $api "[constructor]counter")))
          (core func $bump (canon lower (func $api "[method]counter.bump")))
          (core func $drop (canon resource.drop $counter))
          (core module $Libc
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32)
              (local $p i32)
              (local.set $p (global.get $next))
              (global.set $next (i32.add (global.get $next) (local.get 3)))
              (if (local.get 0) (then (memory.copy (local.get $p) (local.get 0) (local.get 1))))
              (local.get $p)))
          (core instance $libc (instantiate $Libc))
          (core func $greet (canon lower (func $api "greet") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
          (core module $M
            (import "libc" "memory" (memory 1))
            (import "api" "new" (func $new (param i32) (result i32)))
            (import "api" "bump" (func $bump (param i32) (result i32)))
            (import "api" "drop" (func $drop (param i32)))
            (import "api" "greet" (func $greet (param i32 i32 i32)))
            (func (export "run") (param $start i32) (result i32)
              (local $h i32) (local $r i32)
              (local.set $h (call $new (local.get $start)))
              (drop (call $bump (local.get $h)))
              (local.set $r (call $bump (local.get $h)))
              (call $drop (local.get $h))
              (local.get $r))
            (func (export "hello") (param $ptr i32) (param $len i32) (result i32)
              (call $greet (local.get $ptr) (local.get $len) (i32.const 16))
              (i32.const 16)))
          (core instance $m (instantiate $M
            (with "libc" (instance $libc))
            (with "api" (instance (export "new" (func $new)) (export "bump" (func $bump)) (export "drop" (func $drop)) (export "greet" (func $greet))))))
          (func (export "run") (param "start" u32) (result u32) (canon lift (core func $m "run")))
          (func (export "hello") (param "name" string) (result string)
            (canon lift (core func $m "hello") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
        )
        """;

    [Fact]
    public void HostFunctionsAndResourcesAreCalledThroughLoweredImports()
    {
        var engine = new Engine();
        var component = Component.FromText(engine, HostWat);
        var dropped = new List<uint>();
        var counterType = new ResourceType("counter", dropped.Add);
        var counters = new List<uint>();
        var linker = new ComponentLinker(engine);
        linker.Instance("test:host/api")
            .DefineResource("counter", counterType)
            .DefineFunction("[constructor]counter", args =>
            {
                counters.Add(args[0].AsU32());
                return ComponentValue.Resource(new ResourceHandle(counterType, (uint)counters.Count - 1, isBorrow: false));
            })
            .DefineFunction("[method]counter.bump", args =>
            {
                var rep = (int)args[0].AsResource().Representation;
                return ComponentValue.U32(++counters[rep]);
            })
            .DefineFunction("greet", args => ComponentValue.String("hello, " + args[0].AsString()));
        var store = new Store(engine);
        var instance = linker.Instantiate(store, component);
        Assert.Equal(ComponentValue.U32(12), instance.GetFunction("run")!.Invoke(ComponentValue.U32(10)));
        Assert.Equal([0u], dropped);
        Assert.Equal(ComponentValue.String("hello, wörld"), instance.GetFunction("hello")!.Invoke(ComponentValue.String("wörld")));
    }
}
