namespace Heron.Components.Tests.Runtime;

/// <summary>
/// A host string lowered into a guest lands with one allocation of its exact size, in every encoding: the
/// preview 1 adapter's allocator (imitated here) traps on any reallocation, and records each size asked.
/// </summary>
public class HostStringTests
{
    private static string Wat(string encoding) => $$"""
        (component
          (import "text" (func $text (result string)))
          (core module $Libc
            (memory (export "memory") 1)
            (global $next (mut i32) (i32.const 1024))
            (global $asked (mut i32) (i32.const 0))
            (global $calls (mut i32) (i32.const 0))
            (func (export "asked") (result i32) (global.get $asked))
            (func (export "calls") (result i32) (global.get $calls))
            (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
              (local $p i32)
              (if (local.get $old) (then unreachable))
              (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
              (global.set $asked (local.get $size))
              (local.set $p (global.get $next))
              (global.set $next (i32.add (global.get $next) (local.get $size)))
              (local.get $p)))
          (core instance $libc (instantiate $Libc))
          (core func $text (canon lower (func $text) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) {{encoding}}))
          (core module $M
            (import "libc" "memory" (memory 1))
            (import "host" "text" (func $text (param i32)))
            (func (export "length") (result i32)
              (call $text (i32.const 8))
              (i32.load (i32.const 12))))
          (core instance $m  (instantiate $M (with "libc" (instance $libc)) (with "host" (instance (export "text" (func $text))))))
          (func (export "length") (result u32) (canon lift (core func $m "length")))
          (func (export "asked") (result u32) (canon lift (core func $libc "asked")))
          (func (export "calls") (result u32) (canon lift (core func $libc "calls")))
        )
        """;

    [Theory]
    [InlineData("string-encoding=utf8", false, 10u, 10)]
    [InlineData("string-encoding=utf8", true, 10u, 10)]
    [InlineData("string-encoding=utf16", false, 7u, 14)]
    [InlineData("string-encoding=latin1+utf16", true, 7u | 1u << 31, 14)]
    public void ANonAsciiHostStringIsAllocatedOnceAtItsExactSize(string encoding, bool typed, uint expectedLength, int expectedBytes)
    {
        var engine = new Engine();
        var linker = new ComponentLinker(engine);
        if (typed) linker.Root.DefineFunction("text", () => "héllo ❄");
        else linker.Root.DefineFunction("text", _ => ComponentValue.String("héllo ❄"));
        var instance = linker.Instantiate(new Store(engine), Component.FromText(engine, Wat(encoding)));
        Assert.Equal(expectedLength, instance.GetFunction<uint>("length")!());
        Assert.Equal(1u, instance.GetFunction<uint>("calls")!());
        Assert.Equal((uint)expectedBytes, instance.GetFunction<uint>("asked")!());
    }
}
