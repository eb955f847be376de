using Heron.Tests.Runtime;

namespace Heron.Tests.Fuzz;

/// <summary>Modules that differential fuzzing against Wasmtime found Heron getting wrong, reduced by hand or by
/// wasm-reduce. Each test names what went wrong.</summary>
public sealed class FuzzRegressionTests
{
    /// <summary>A <c>return</c> inside a block with operands below the block used to drop those operands from
    /// the compiler's type stack, so the code after the block saw the wrong stack: an
    /// ArgumentOutOfRangeException at compile time or an InvalidProgramException at the first call.</summary>
    [Fact]
    public void ReturnInsideBlockKeepsTheOperandsBelowTheBlockForTheCodeAfterIt()
    {
        var instance = Wasm.Instantiate("""
            (module
              (func (export "f") (param i32) (result f64)
                (f64.const 1)
                (f64.const 2)
                (block (result i32)
                  (if (local.get 0) (then (return (f64.const 42))))
                  (i32.const 7))
                (drop)
                (f64.add))
              (func (export "g") (param i32) (result i32)
                (f64.const 0) (f64.const 0) (f64.const 0)
                (block (result i32)
                  (if (i32.const 0)
                    (then
                      (if (i32.const 1) (then (return (i32.const -58))))
                      (unreachable)))
                  (i32.const 0))
                (if (result v128) (then (unreachable)) (else (v128.const i64x2 0 0)))
                (drop) (drop) (drop) (drop)
                (local.get 0)))
            """);
        Assert.Equal(3.0, instance.Call("f", 0)[0].AsF64());
        Assert.Equal(42.0, instance.Call("f", 1)[0].AsF64());
        Assert.Equal(5, instance.Call("g", 5)[0].AsI32());
    }

    /// <summary>RyuJIT turned <c>f32.reinterpret_i32</c> of an 8- or 16-bit load into a 4-byte float load, so the
    /// bytes after the loaded one leaked into the result (also through a local).</summary>
    [Fact]
    public void ReinterpretOfNarrowLoadSeesOnlyTheLoadedBytes()
    {
        var instance = Wasm.Instantiate("""
            (module
              (memory 1)
              (data (i32.const 4) "\80\11\5f\22")
              (func (export "s8") (result i32) (i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load8_s (i32.const 4)))))
              (func (export "u8") (result f32) (f32.reinterpret_i32 (i32.load8_u (i32.const 4))))
              (func (export "s16") (result f32) (f32.reinterpret_i32 (i32.load16_s (i32.const 4))))
              (func (export "u16") (result f32) (f32.reinterpret_i32 (i32.load16_u (i32.const 4))))
              (func (export "local") (result f32) (local i32)
                (local.set 0 (i32.load8_s (i32.const 4)))
                (f32.reinterpret_i32 (local.get 0))))
            """);
        Assert.Equal(unchecked((int)0xffffff80), instance.Call("s8")[0].AsI32());
        Assert.Equal(0x00000080u, instance.Call("u8")[0].AsF32Bits());
        Assert.Equal(0x00001180u, instance.Call("s16")[0].AsF32Bits());
        Assert.Equal(0x00001180u, instance.Call("u16")[0].AsF32Bits());
        Assert.Equal(0xffffff80u, instance.Call("local")[0].AsF32Bits());
    }
}
