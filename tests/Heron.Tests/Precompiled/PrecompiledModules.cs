using System.Text;

namespace Heron.Tests.Precompiled;

/// <summary>Modules and helpers shared by the precompiled-module tests.</summary>
internal static class PrecompiledModules
{
    /// <summary>Direct and indirect calls, a table, a start function and a global: what portable code must get from its context.</summary>
    public const string Wat = """
        (module
          (type $unary (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $double $fib)
          (start $init)
          (global $g (mut i32) (i32.const 0))
          (memory (export "memory") 1)
          (data (i32.const 16) "\2a")
          (func $init (global.set $g (i32.load8_u (i32.const 16))))
          (func $double (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
          (func $fib (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "run") (param i32) (result i32) (local i32)
            (loop $next
              (local.set 1 (i32.add (local.get 1)
                (call_indirect (type $unary) (local.get 0) (i32.rem_u (local.get 0) (i32.const 2)))))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $next (i32.gt_s (local.get 0) (i32.const 0))))
            (i32.add (local.get 1) (global.get $g)))
          (func $crash (export "crash") (unreachable)))
        """;

    public static int Run(Module module, int argument)
    {
        using var store = new Store(module.Engine);
        var instance = new Linker(module.Engine).Instantiate(store, module);
        return instance.GetFunction("run")!.Invoke(Value.I32(argument))[0].AsI32();
    }

    /// <summary>
    /// An engine whose signature registry already holds other types, so that the ids it gives the module's
    /// types differ from those of the engine that precompiled it.
    /// </summary>
    public static Engine EngineWithOtherSignatures(EngineConfig? config = null)
    {
        var engine = new Engine(config ?? new EngineConfig());
        Module.FromText(engine, """
            (module
              (type (func (param f64 f64) (result f64)))
              (type (func (param i64) (result i64 i64)))
              (func (type 0) (local.get 0))
              (func (type 1) (local.get 0) (local.get 0)))
            """);
        return engine;
    }

    /// <summary>The artifact with one manifest value replaced by another of the same length (as if made elsewhere).</summary>
    public static byte[] WithManifestValue(byte[] artifact, string key, Func<string, string> change)
    {
        var text = Encoding.Latin1.GetString(artifact); // one character per byte: offsets match
        var keyAt = text.IndexOf("\n" + key + "=", StringComparison.Ordinal);
        if (keyAt < 0) keyAt = text.IndexOf(key + "=", StringComparison.Ordinal) - 1;
        Assert.True(keyAt >= -1, $"manifest key {key} not found");
        var valueAt = keyAt + 1 + key.Length + 1;
        var end = text.IndexOf('\n', valueAt);
        var value = text[valueAt..end];
        var changed = change(value);
        Assert.Equal(value.Length, changed.Length);
        var copy = (byte[])artifact.Clone();
        Encoding.Latin1.GetBytes(changed).CopyTo(copy, valueAt);
        return copy;
    }
}
