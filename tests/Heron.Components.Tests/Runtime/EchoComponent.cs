namespace Heron.Components.Tests.Runtime;

/// <summary>
/// A component exporting <c>echo: func(s: string) -> string</c> (through memory, with a post-return that
/// frees what the call allocated) and <c>add: func(a: u32, b: u32) -> u32</c>, for tests of calls.
/// </summary>
internal static class EchoComponent
{
    public const string Text = """
        (component
          (core module $M
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (global $calls (export "realloc-calls") (mut i32) (i32.const 0))
            (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
              (local $p i32)
              (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
              (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get $align))))
              (global.set $next (i32.add (local.get $p) (local.get $new_size)))
              (local.get $p))
            (func (export "echo") (param $p i32) (param $n i32) (result i32)
              (i32.store (i32.const 8) (local.get $p))
              (i32.store (i32.const 12) (local.get $n))
              (i32.const 8))
            (func (export "echo-post") (param i32)
              (global.set $next (i32.const 1024)))
            (func (export "add") (param i32 i32) (result i32)
              (i32.add (local.get 0) (local.get 1))))
          (core instance $m (instantiate $M))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $m "echo") (memory (core memory $m "memory")) (realloc (core func $m "realloc"))
              (post-return (core func $m "echo-post"))))
          (func (export "add") (param "a" u32) (param "b" u32) (result u32)
            (canon lift (core func $m "add"))))
        """;

    public static ComponentInstance Instantiate(Engine? engine = null)
    {
        engine ??= new Engine();
        return new ComponentLinker(engine).Instantiate(new Store(engine), Component.FromText(engine, Text));
    }
}
