using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Constants, comparisons, arithmetic and conversions. Operations with an exact CIL counterpart are
/// one or two instructions; those whose WebAssembly semantics differ from .NET's (trapping division,
/// float-to-int range checks, min/max, sign bit operations, unsigned 64-bit to float) call
/// <see cref="NumericHelpers"/>. Stack effects come from the opcode table.
/// </summary>
internal static class NumericEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        var info = instruction.Info;
        if (info.Operands == null || info.Results == null || info.IsMemoryAccess) return false;
        if (!Emit(c, in instruction)) return false;
        c.Pop(info.Operands.Length);
        foreach (var result in info.Results) c.Push(result);
        return true;
    }

    private static bool Emit(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        switch (instruction.Opcode)
        {
            case Opcode.I32Const: il.Int32((int)instruction.Value); return true;
            case Opcode.I64Const: il.Int64(instruction.Value); return true;
            case Opcode.F32Const:
            {
                var bits = (int)instruction.Value;
                var value = BitConverter.Int32BitsToSingle(bits);
                // A float constant passes through a double inside the JIT, which would quiet a
                // signalling NaN; NaN constants are built from their bits instead.
                if (FloatConstants.F32Field(bits) is { } field)
                    il.Emit(OpCodes.Ldsfld, typeof(FloatConstants).GetField(field)!);
                else if (float.IsNaN(value))
                {
                    il.Int32(bits);
                    il.Call(Helper(nameof(NumericHelpers.F32FromBits)));
                }
                else il.Float32(value);
                return true;
            }
            case Opcode.F64Const:
                if (FloatConstants.F64Field(instruction.Value) is { } wide)
                    il.Emit(OpCodes.Ldsfld, typeof(FloatConstants).GetField(wide)!);
                else il.Float64(BitConverter.Int64BitsToDouble(instruction.Value));
                return true;

            case Opcode.I32Eqz: case Opcode.I64Eqz:
                if (instruction.Opcode == Opcode.I64Eqz) il.Int64(0); else il.Int32(0);
                il.Emit(OpCodes.Ceq);
                return true;
            case Opcode.I32Eq: case Opcode.I64Eq: case Opcode.F32Eq: case Opcode.F64Eq:
                il.Emit(OpCodes.Ceq); return true;
            case Opcode.I32Ne: case Opcode.I64Ne: case Opcode.F32Ne: case Opcode.F64Ne:
                Not(il, OpCodes.Ceq); return true;
            case Opcode.I32LtS: case Opcode.I64LtS: case Opcode.F32Lt: case Opcode.F64Lt:
                il.Emit(OpCodes.Clt); return true;
            case Opcode.I32LtU: case Opcode.I64LtU:
                il.Emit(OpCodes.Clt_Un); return true;
            case Opcode.I32GtS: case Opcode.I64GtS: case Opcode.F32Gt: case Opcode.F64Gt:
                il.Emit(OpCodes.Cgt); return true;
            case Opcode.I32GtU: case Opcode.I64GtU:
                il.Emit(OpCodes.Cgt_Un); return true;
            case Opcode.I32LeS: case Opcode.I64LeS:
                Not(il, OpCodes.Cgt); return true;
            case Opcode.I32LeU: case Opcode.I64LeU:
                Not(il, OpCodes.Cgt_Un); return true;
            case Opcode.I32GeS: case Opcode.I64GeS:
                Not(il, OpCodes.Clt); return true;
            case Opcode.I32GeU: case Opcode.I64GeU:
                Not(il, OpCodes.Clt_Un); return true;
            // For floats, "not (a > b or unordered)" is "a <= b and ordered".
            case Opcode.F32Le: case Opcode.F64Le:
                Not(il, OpCodes.Cgt_Un); return true;
            case Opcode.F32Ge: case Opcode.F64Ge:
                Not(il, OpCodes.Clt_Un); return true;

            case Opcode.I32Clz: il.Call(BitOperation("LeadingZeroCount", typeof(uint))); return true;
            case Opcode.I32Ctz: il.Call(BitOperation("TrailingZeroCount", typeof(int))); return true;
            case Opcode.I32Popcnt: il.Call(BitOperation("PopCount", typeof(uint))); return true;
            case Opcode.I64Clz: il.Call(BitOperation("LeadingZeroCount", typeof(ulong))); il.Emit(OpCodes.Conv_I8); return true;
            case Opcode.I64Ctz: il.Call(BitOperation("TrailingZeroCount", typeof(long))); il.Emit(OpCodes.Conv_I8); return true;
            case Opcode.I64Popcnt: il.Call(BitOperation("PopCount", typeof(ulong))); il.Emit(OpCodes.Conv_I8); return true;

            case Opcode.I32Add: case Opcode.I64Add: case Opcode.F32Add: case Opcode.F64Add:
                il.Emit(OpCodes.Add); return true;
            case Opcode.I32Sub: case Opcode.I64Sub: case Opcode.F32Sub: case Opcode.F64Sub:
                il.Emit(OpCodes.Sub); return true;
            case Opcode.I32Mul: case Opcode.I64Mul: case Opcode.F32Mul: case Opcode.F64Mul:
                il.Emit(OpCodes.Mul); return true;
            case Opcode.F32Div: case Opcode.F64Div:
                il.Emit(OpCodes.Div); return true;
            case Opcode.I32DivS: Call(il, nameof(NumericHelpers.I32DivS)); return true;
            case Opcode.I32DivU: Call(il, nameof(NumericHelpers.I32DivU)); return true;
            case Opcode.I32RemS: Call(il, nameof(NumericHelpers.I32RemS)); return true;
            case Opcode.I32RemU: Call(il, nameof(NumericHelpers.I32RemU)); return true;
            case Opcode.I64DivS: Call(il, nameof(NumericHelpers.I64DivS)); return true;
            case Opcode.I64DivU: Call(il, nameof(NumericHelpers.I64DivU)); return true;
            case Opcode.I64RemS: Call(il, nameof(NumericHelpers.I64RemS)); return true;
            case Opcode.I64RemU: Call(il, nameof(NumericHelpers.I64RemU)); return true;
            case Opcode.I32And: case Opcode.I64And: il.Emit(OpCodes.And); return true;
            case Opcode.I32Or: case Opcode.I64Or: il.Emit(OpCodes.Or); return true;
            case Opcode.I32Xor: case Opcode.I64Xor: il.Emit(OpCodes.Xor); return true;
            // CIL leaves shifts by the operand width or more unspecified; WebAssembly takes the count
            // modulo the width, so the count is masked (x64 does this itself and the JIT drops the mask).
            case Opcode.I32Shl: Shift(il, OpCodes.Shl, 31, wide: false); return true;
            case Opcode.I32ShrS: Shift(il, OpCodes.Shr, 31, wide: false); return true;
            case Opcode.I32ShrU: Shift(il, OpCodes.Shr_Un, 31, wide: false); return true;
            case Opcode.I64Shl: Shift(il, OpCodes.Shl, 63, wide: true); return true;
            case Opcode.I64ShrS: Shift(il, OpCodes.Shr, 63, wide: true); return true;
            case Opcode.I64ShrU: Shift(il, OpCodes.Shr_Un, 63, wide: true); return true;
            case Opcode.I32Rotl: case Opcode.I32Rotr: case Opcode.I64Rotl: case Opcode.I64Rotr:
            {
                var left = instruction.Opcode is Opcode.I32Rotl or Opcode.I64Rotl;
                var wide64 = instruction.Opcode is Opcode.I64Rotl or Opcode.I64Rotr;
                // Rotates are one-byte instructions: the next one starts right after.
                if (RotateGuard.MayRotate(c.Module.Bytes, instruction.Offset + 1, c.Body.Code.End))
                {
                    if (wide64) il.Emit(OpCodes.Conv_I4);
                    il.Call(BitOperation(left ? "RotateLeft" : "RotateRight", wide64 ? typeof(ulong) : typeof(uint), typeof(int)));
                }
                else Rotate(il, left, wide64);
                return true;
            }

            case Opcode.F32Abs: Call(il, nameof(NumericHelpers.F32Abs)); return true;
            case Opcode.F32Neg: Call(il, nameof(NumericHelpers.F32Neg)); return true;
            case Opcode.F32Copysign: Call(il, nameof(NumericHelpers.F32Copysign)); return true;
            case Opcode.F64Abs: Call(il, nameof(NumericHelpers.F64Abs)); return true;
            case Opcode.F64Neg: Call(il, nameof(NumericHelpers.F64Neg)); return true;
            case Opcode.F64Copysign: Call(il, nameof(NumericHelpers.F64Copysign)); return true;
            case Opcode.F32Ceil: il.Call(Math(typeof(MathF), "Ceiling", typeof(float))); return true;
            case Opcode.F32Floor: il.Call(Math(typeof(MathF), "Floor", typeof(float))); return true;
            case Opcode.F32Trunc: il.Call(Math(typeof(MathF), "Truncate", typeof(float))); return true;
            case Opcode.F32Sqrt: il.Call(Math(typeof(MathF), "Sqrt", typeof(float))); return true;
            case Opcode.F32Nearest: Call(il, nameof(NumericHelpers.F32Nearest)); return true;
            case Opcode.F64Ceil: il.Call(Math(typeof(Math), "Ceiling", typeof(double))); return true;
            case Opcode.F64Floor: il.Call(Math(typeof(Math), "Floor", typeof(double))); return true;
            case Opcode.F64Trunc: il.Call(Math(typeof(Math), "Truncate", typeof(double))); return true;
            case Opcode.F64Sqrt: il.Call(Math(typeof(Math), "Sqrt", typeof(double))); return true;
            case Opcode.F64Nearest: Call(il, nameof(NumericHelpers.F64Nearest)); return true;
            case Opcode.F32Min: Call(il, nameof(NumericHelpers.F32Min)); return true;
            case Opcode.F32Max: Call(il, nameof(NumericHelpers.F32Max)); return true;
            case Opcode.F64Min: Call(il, nameof(NumericHelpers.F64Min)); return true;
            case Opcode.F64Max: Call(il, nameof(NumericHelpers.F64Max)); return true;

            case Opcode.I32WrapI64: il.Emit(OpCodes.Conv_I4); return true;
            case Opcode.I64ExtendI32S: il.Emit(OpCodes.Conv_I8); return true;
            case Opcode.I64ExtendI32U: il.Emit(OpCodes.Conv_U8); return true;
            case Opcode.I32Extend8S: il.Emit(OpCodes.Conv_I1); return true;
            case Opcode.I32Extend16S: il.Emit(OpCodes.Conv_I2); return true;
            case Opcode.I64Extend8S: il.Emit(OpCodes.Conv_I1); il.Emit(OpCodes.Conv_I8); return true;
            case Opcode.I64Extend16S: il.Emit(OpCodes.Conv_I2); il.Emit(OpCodes.Conv_I8); return true;
            case Opcode.I64Extend32S: il.Emit(OpCodes.Conv_I4); il.Emit(OpCodes.Conv_I8); return true;

            case Opcode.I32TruncF32S: Call(il, nameof(NumericHelpers.I32TruncF32S)); return true;
            case Opcode.I32TruncF32U: Call(il, nameof(NumericHelpers.I32TruncF32U)); return true;
            case Opcode.I32TruncF64S: Call(il, nameof(NumericHelpers.I32TruncF64S)); return true;
            case Opcode.I32TruncF64U: Call(il, nameof(NumericHelpers.I32TruncF64U)); return true;
            case Opcode.I64TruncF32S: Call(il, nameof(NumericHelpers.I64TruncF32S)); return true;
            case Opcode.I64TruncF32U: Call(il, nameof(NumericHelpers.I64TruncF32U)); return true;
            case Opcode.I64TruncF64S: Call(il, nameof(NumericHelpers.I64TruncF64S)); return true;
            case Opcode.I64TruncF64U: Call(il, nameof(NumericHelpers.I64TruncF64U)); return true;
            case Opcode.I32TruncSatF32S: Call(il, nameof(NumericHelpers.I32TruncSatF32S)); return true;
            case Opcode.I32TruncSatF32U: Call(il, nameof(NumericHelpers.I32TruncSatF32U)); return true;
            case Opcode.I32TruncSatF64S: Call(il, nameof(NumericHelpers.I32TruncSatF64S)); return true;
            case Opcode.I32TruncSatF64U: Call(il, nameof(NumericHelpers.I32TruncSatF64U)); return true;
            case Opcode.I64TruncSatF32S: Call(il, nameof(NumericHelpers.I64TruncSatF32S)); return true;
            case Opcode.I64TruncSatF32U: Call(il, nameof(NumericHelpers.I64TruncSatF32U)); return true;
            case Opcode.I64TruncSatF64S: Call(il, nameof(NumericHelpers.I64TruncSatF64S)); return true;
            case Opcode.I64TruncSatF64U: Call(il, nameof(NumericHelpers.I64TruncSatF64U)); return true;

            case Opcode.F32ConvertI32S: il.Emit(OpCodes.Conv_R4); return true;
            case Opcode.F32ConvertI32U: il.Emit(OpCodes.Conv_R_Un); il.Emit(OpCodes.Conv_R4); return true;
            case Opcode.F32ConvertI64S: il.Emit(OpCodes.Conv_R4); return true;
            case Opcode.F32ConvertI64U: Call(il, nameof(NumericHelpers.F32ConvertU64)); return true;
            case Opcode.F64ConvertI32S: il.Emit(OpCodes.Conv_R8); return true;
            case Opcode.F64ConvertI32U: il.Emit(OpCodes.Conv_R_Un); il.Emit(OpCodes.Conv_R8); return true;
            case Opcode.F64ConvertI64S: il.Emit(OpCodes.Conv_R8); return true;
            case Opcode.F64ConvertI64U: Call(il, nameof(NumericHelpers.F64ConvertU64)); return true;
            case Opcode.F32DemoteF64:
                // The JIT folds demote(promote(x)) to x, which would keep a signalling NaN signalling.
                if (c.Previous == Opcode.F64PromoteF32) Call(il, nameof(NumericHelpers.F32DemoteOpaque));
                else il.Emit(OpCodes.Conv_R4);
                return true;
            case Opcode.F64PromoteF32: il.Emit(OpCodes.Conv_R8); return true;
            case Opcode.I32ReinterpretF32: il.Call(Bits(nameof(BitConverter.SingleToInt32Bits), typeof(float))); return true;
            case Opcode.I64ReinterpretF64: il.Call(Bits(nameof(BitConverter.DoubleToInt64Bits), typeof(double))); return true;
            case Opcode.F32ReinterpretI32:
                // RyuJIT (.NET 10) folds the bit cast of a narrow memory read (an 8- or 16-bit load, a byte or
                // short lane of a vector in memory, also through a local it forward-substitutes) into a 4-byte
                // float load, reading the neighbouring bytes instead of the extended value. The bit cast is
                // inlined only after instructions whose result the JIT computes at full width; anything else
                // goes through an opaque call that keeps the value an int (found by differential fuzzing twice).
                if (FullWidthI32(c.Previous)) il.Call(Bits(nameof(BitConverter.Int32BitsToSingle), typeof(int)));
                else Call(il, nameof(NumericHelpers.F32FromBitsOpaque));
                return true;
            case Opcode.F64ReinterpretI64:
                // The same folding applies to 8-, 16- and 32-bit reads widened to i64.
                if (FullWidthI64(c.Previous)) il.Call(Bits(nameof(BitConverter.Int64BitsToDouble), typeof(long)));
                else Call(il, nameof(NumericHelpers.F64FromBitsOpaque));
                return true;
            case Opcode.I64Add128: WideHalves(il, nameof(WideArithmetic.Add128)); return true;
            case Opcode.I64Sub128: WideHalves(il, nameof(WideArithmetic.Sub128)); return true;
            case Opcode.I64MulWideS: WideHalves(il, nameof(WideArithmetic.MulWideS)); return true;
            case Opcode.I64MulWideU: WideHalves(il, nameof(WideArithmetic.MulWideU)); return true;
            default:
                return false;
        }
    }

    /// <summary>A 128-bit result as two i64 operands: the helper returns the low half and writes the high one to a local pushed after it.</summary>
    private static void WideHalves(CilWriter il, string helper)
    {
        var high = il.Rent(typeof(long));
        il.LoadLocalAddress(high);
        il.Call(CilTypes.Method(typeof(WideArithmetic), helper));
        il.LoadLocal(high);
        il.Return(high);
    }

    private static void Not(CilWriter il, OpCode compare)
    {
        il.Emit(compare);
        il.Int32(0);
        il.Emit(OpCodes.Ceq);
    }

    private static void Shift(CilWriter il, OpCode shift, int mask, bool wide)
    {
        if (wide)
        {
            il.Emit(OpCodes.Conv_I4);
        }
        il.Int32(mask);
        il.Emit(OpCodes.And);
        il.Emit(shift);
    }

    /// <summary>
    /// A rotate as two shifts whose disjoint halves are added, for the rotates <see cref="RotateGuard"/> does
    /// not clear for BitOperations.Rotate*: RyuJIT (dotnet/runtime#129288, fixed after .NET 10.0) believes an x64
    /// ror/rol by a count it knows to be a nonzero constant (an i32.const, or a constant it propagated through a
    /// local) sets ZF, and drops the test before a branch on the result, which then reads stale flags. It does not
    /// turn an add back into a rotate. The low half shifts by one and then by width-1-count, which stays in range
    /// and gives 0 for a count of 0.
    /// </summary>
    private static void Rotate(CilWriter il, bool left, bool wide)
    {
        var bits = wide ? 63 : 31;
        var value = il.Rent(wide ? typeof(long) : typeof(int));
        var count = il.Rent(typeof(int));
        if (wide) il.Emit(OpCodes.Conv_I4);
        if (!left) il.Emit(OpCodes.Neg);
        il.Int32(bits);
        il.Emit(OpCodes.And);
        il.StoreLocal(count);
        il.StoreLocal(value);
        il.LoadLocal(value);
        il.LoadLocal(count);
        il.Emit(OpCodes.Shl);
        il.LoadLocal(value);
        il.Int32(1);
        il.Emit(OpCodes.Shr_Un);
        il.Int32(bits);
        il.LoadLocal(count);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Add);
        il.Return(count);
        il.Return(value);
    }

    private static void Call(CilWriter il, string name) => il.Call(Helper(name));

    // Producers of an i32 that is never a narrow memory read: full-width loads and constants, globals
    // (4-byte fields), call results, and the numeric instructions from i32.eqz to i32.rotr (comparisons
    // and arithmetic, computed in registers), the float truncations and i32.wrap_i64 / reinterpret.
    private static bool FullWidthI32(Opcode opcode) =>
        opcode is Opcode.I32Load or Opcode.I32Const or Opcode.GlobalGet or Opcode.Call or Opcode.CallIndirect
            or Opcode.I32WrapI64 or Opcode.I32ReinterpretF32
            or (>= Opcode.I32Eqz and <= Opcode.I32Rotr)
            or (>= Opcode.I32TruncF32S and <= Opcode.I32TruncF64U)
            or (>= Opcode.I32TruncSatF32S and <= Opcode.I32TruncSatF64U);

    private static bool FullWidthI64(Opcode opcode) =>
        opcode is Opcode.I64Load or Opcode.I64Const or Opcode.GlobalGet or Opcode.Call or Opcode.CallIndirect
            or Opcode.I64ReinterpretF64
            or (>= Opcode.I64Clz and <= Opcode.I64Rotr)
            or (>= Opcode.I64TruncF32S and <= Opcode.I64TruncF64U)
            or (>= Opcode.I64TruncSatF32S and <= Opcode.I64TruncSatF64U);

    private static MethodInfo Helper(string name) => RuntimeMembers.Numeric(name);

    /// <summary>
    /// Bit counts (and the rotates <see cref="RotateGuard"/> allows) call <see cref="System.Numerics.BitOperations"/> directly: its methods
    /// are JIT intrinsics (one lzcnt/tzcnt/popcnt/rol), expanded even where the JIT's inline budget
    /// is spent, which a helper of ours needed (blake3-simd's f16 kept calls to I64Popcnt and I32Clz).
    /// Their semantics are WebAssembly's: a count of 32/64 for zero, the rotate count taken modulo the width.
    /// </summary>
    private static MethodInfo BitOperation(string name, params Type[] arguments) =>
        typeof(System.Numerics.BitOperations).GetMethod(name, arguments) ?? throw new InvalidOperationException($"BitOperations.{name} not found");

    private static MethodInfo Math(Type type, string name, Type argument) =>
        type.GetMethod(name, [argument]) ?? throw new InvalidOperationException($"{type}.{name} not found");

    private static MethodInfo Bits(string name, Type argument) =>
        typeof(BitConverter).GetMethod(name, [argument]) ?? throw new InvalidOperationException($"BitConverter.{name} not found");
}
