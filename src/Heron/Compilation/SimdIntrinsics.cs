using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// The commonest SIMD instructions emitted as calls to the x86 hardware intrinsics themselves
/// (<see cref="Sse2"/>, <see cref="Ssse3"/>, <see cref="Sse41"/>) instead of to a Runtime/Simd*.cs helper.
/// The helpers are inlined only while the JIT's inline budget lasts; big SIMD functions exhaust it
/// (blake3-simd's f26 kept ~850 helper calls). An ISA method is expanded by the JIT into its
/// instruction whatever the budget, being <c>mustExpand</c>. Chosen when this process's JIT supports the
/// ISA (the same JIT compiles the IL), so <c>DOTNET_EnableHWIntrinsic=0</c> or another architecture keeps
/// the portable helpers.
/// <para>
/// The IL passes our <c>Vector128&lt;byte&gt;</c> where an ISA method takes another lane type: the JIT
/// sees both as the same 16-byte SIMD value. Vector constants (v128.const, shuffle masks) are loaded
/// with <c>ldobj</c> from a process-wide pool of 16-byte aligned native constants.
/// </para>
/// </summary>
internal static class SimdIntrinsics
{
    private static readonly Type V8 = typeof(Vector128<byte>);
    private static readonly Type V16 = typeof(Vector128<ushort>);
    private static readonly Type VS16 = typeof(Vector128<short>);
    private static readonly Type V32 = typeof(Vector128<uint>);
    private static readonly Type VS32 = typeof(Vector128<int>);
    private static readonly Type V64 = typeof(Vector128<ulong>);
    private static readonly Type VF32 = typeof(Vector128<float>);
    private static readonly Type VF64 = typeof(Vector128<double>);

    /// <summary>
    /// The tables below are indexed by a SIMD opcode's number after the 0xFD prefix. Not dictionaries keyed by
    /// <see cref="Opcode"/>: framework generic code over a Heron type is left out of ReadyToRun images, so
    /// such a dictionary was JIT-compiled at the start of every run of a SIMD module.
    /// </summary>
    private const int SimdNumbers = 0x200;

    /// <summary>Binary operations that are one ISA method on the two operands in wasm order.</summary>
    private static readonly MethodInfo?[] Binary = BuildBinary();

    /// <summary>Shifts by an i32 count: the ISA method taking a byte count, and the lane width mask.</summary>
    private static readonly ShiftIntrinsic?[] Shifts = BuildShifts();

    private sealed record ShiftIntrinsic(MethodInfo Method, int Mask);

    /// <summary>The index of <paramref name="opcode"/> in the tables, or -1 when it is not a SIMD opcode they can hold.</summary>
    private static int SimdNumber(Opcode opcode)
    {
        var code = (int)opcode;
        return code >> 16 == 0xFD && (code & 0xFFFF) < SimdNumbers ? code & 0xFFFF : -1;
    }

    private static readonly MethodInfo? PShufB = Ssse3.IsSupported ? Get(typeof(Ssse3), "Shuffle", V8, V8) : null;
    private static readonly MethodInfo? Por = Sse2.IsSupported ? Get(typeof(Sse2), "Or", V8, V8) : null;
    private static readonly MethodInfo? MovD = Sse2.IsSupported ? Get(typeof(Sse2), "ConvertScalarToVector128Int32", typeof(int)) : null;
    private static readonly MethodInfo? PShufD = Sse2.IsSupported ? Get(typeof(Sse2), "Shuffle", VS32, typeof(byte)) : null;

    /// <summary>
    /// Emits <paramref name="instruction"/> (not a memory instruction) as ISA calls, its operands on the
    /// stack. False, with nothing emitted, where the helper is to be used.
    /// </summary>
    public static bool TryEmit(CilWriter il, in Instruction instruction)
    {
        var opcode = instruction.Opcode;
        var number = SimdNumber(opcode);
        if (number >= 0 && Binary[number] is { } binary)
        {
            il.Call(binary);
            return true;
        }
        if (number >= 0 && Shifts[number] is { } shift)
        {
            il.Int32(shift.Mask);
            il.Emit(OpCodes.And);
            il.Emit(OpCodes.Conv_U1);
            il.Call(shift.Method);
            return true;
        }
        switch (opcode)
        {
            case Opcode.V128Const when Sse2.IsSupported:
                LoadConstant(il, instruction.V128Low, instruction.V128High);
                return true;
            case Opcode.I8x16Shuffle when PShufB != null && Por != null:
                EmitShuffle(il, instruction.V128Low, instruction.V128High);
                return true;
            case Opcode.I32x4Splat when MovD != null:
                SplatInt32(il);
                return true;
        }
        return false;
    }

    /// <summary>
    /// A memory instruction whose host address is on the stack (after the bounds check). False, with
    /// nothing emitted, where the helper is to be used.
    /// </summary>
    public static bool TryEmitMemory(CilWriter il, in Instruction instruction)
    {
        if (instruction.Opcode == Opcode.V128Load32Splat && MovD != null)
        {
            il.Emit(OpCodes.Unaligned, (byte)1);
            il.Emit(OpCodes.Ldind_I4);
            SplatInt32(il);
            return true;
        }
        return false;
    }

    /// <summary>int on the stack to four lanes of it: movd, pshufd 0.</summary>
    private static void SplatInt32(CilWriter il)
    {
        il.Call(MovD!);
        il.Int32(0);
        il.Emit(OpCodes.Conv_U1);
        il.Call(PShufD!);
    }

    /// <summary>
    /// i8x16.shuffle on [a, b]: pshufb of each operand that supplies lanes with its mask (0x80 in the
    /// lanes the other supplies), or-ed when both do. Shuffles of one operand (rotations: blake3) are a
    /// single pshufb.
    /// </summary>
    private static void EmitShuffle(CilWriter il, ulong low, ulong high)
    {
        Span<byte> indices = stackalloc byte[16];
        BitConverter.TryWriteBytes(indices, low);
        BitConverter.TryWriteBytes(indices[8..], high);
        Span<byte> fromA = stackalloc byte[16];
        Span<byte> fromB = stackalloc byte[16];
        bool usesA = false, usesB = false;
        for (int i = 0; i < 16; i++)
        {
            var index = indices[i];
            fromA[i] = index < 16 ? index : (byte)0x80;
            fromB[i] = index >= 16 ? (byte)(index - 16) : (byte)0x80;
            usesA |= index < 16;
            usesB |= index >= 16;
        }
        var b = il.Rent(V8);
        il.StoreLocal(b);
        if (usesA)
        {
            LoadConstant(il, BitConverter.ToUInt64(fromA), BitConverter.ToUInt64(fromA[8..]));
            il.Call(PShufB!);
        }
        else il.Emit(OpCodes.Pop);
        if (usesB)
        {
            il.LoadLocal(b);
            LoadConstant(il, BitConverter.ToUInt64(fromB), BitConverter.ToUInt64(fromB[8..]));
            il.Call(PShufB!);
            if (usesA) il.Call(Por!);
        }
        il.Return(b);
    }

    /// <summary>
    /// A v128 constant as <c>ldobj</c> from its pooled native copy: pure IL, no call to expand. The pool
    /// lives as long as the process (one 16-byte block per distinct constant of every module compiled).
    /// </summary>
    private static void LoadConstant(CilWriter il, ulong low, ulong high)
    {
        il.Int64(V128ConstantPool.AddressOf(low, high));
        il.Emit(OpCodes.Conv_I);
        il.Emit(OpCodes.Ldobj, V8);
    }

    private static MethodInfo Get(Type isa, string name, params Type[] parameters) =>
        isa.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new MissingMethodException(isa.Name, name);

    private static MethodInfo?[] BuildBinary()
    {
        var table = new MethodInfo?[SimdNumbers];
        if (Sse2.IsSupported)
        {
            var sse2 = typeof(Sse2);
            table[SimdNumber(Opcode.V128And)] = Get(sse2, "And", V8, V8);
            table[SimdNumber(Opcode.V128Or)] = Get(sse2, "Or", V8, V8);
            table[SimdNumber(Opcode.V128Xor)] = Get(sse2, "Xor", V8, V8);
            table[SimdNumber(Opcode.I8x16Add)] = Get(sse2, "Add", V8, V8);
            table[SimdNumber(Opcode.I8x16Sub)] = Get(sse2, "Subtract", V8, V8);
            table[SimdNumber(Opcode.I16x8Add)] = Get(sse2, "Add", V16, V16);
            table[SimdNumber(Opcode.I16x8Sub)] = Get(sse2, "Subtract", V16, V16);
            table[SimdNumber(Opcode.I16x8Mul)] = Get(sse2, "MultiplyLow", VS16, VS16);
            table[SimdNumber(Opcode.I32x4Add)] = Get(sse2, "Add", V32, V32);
            table[SimdNumber(Opcode.I32x4Sub)] = Get(sse2, "Subtract", V32, V32);
            table[SimdNumber(Opcode.I64x2Add)] = Get(sse2, "Add", V64, V64);
            table[SimdNumber(Opcode.I64x2Sub)] = Get(sse2, "Subtract", V64, V64);
            table[SimdNumber(Opcode.I8x16Eq)] = Get(sse2, "CompareEqual", V8, V8);
            table[SimdNumber(Opcode.I16x8Eq)] = Get(sse2, "CompareEqual", V16, V16);
            table[SimdNumber(Opcode.I32x4Eq)] = Get(sse2, "CompareEqual", V32, V32);
            table[SimdNumber(Opcode.I32x4GtS)] = Get(sse2, "CompareGreaterThan", VS32, VS32);
            table[SimdNumber(Opcode.F64x2Add)] = Get(sse2, "Add", VF64, VF64);
            table[SimdNumber(Opcode.F64x2Sub)] = Get(sse2, "Subtract", VF64, VF64);
            table[SimdNumber(Opcode.F64x2Mul)] = Get(sse2, "Multiply", VF64, VF64);
            table[SimdNumber(Opcode.F64x2Div)] = Get(sse2, "Divide", VF64, VF64);
        }
        if (Sse.IsSupported)
        {
            var sse = typeof(Sse);
            table[SimdNumber(Opcode.F32x4Add)] = Get(sse, "Add", VF32, VF32);
            table[SimdNumber(Opcode.F32x4Sub)] = Get(sse, "Subtract", VF32, VF32);
            table[SimdNumber(Opcode.F32x4Mul)] = Get(sse, "Multiply", VF32, VF32);
            table[SimdNumber(Opcode.F32x4Div)] = Get(sse, "Divide", VF32, VF32);
        }
        if (Sse41.IsSupported)
            table[SimdNumber(Opcode.I32x4Mul)] = Get(typeof(Sse41), "MultiplyLow", VS32, VS32);
        return table;
    }

    private static ShiftIntrinsic?[] BuildShifts()
    {
        var table = new ShiftIntrinsic?[SimdNumbers];
        if (!Sse2.IsSupported) return table;
        var sse2 = typeof(Sse2);
        var b = typeof(byte);
        table[SimdNumber(Opcode.I16x8Shl)] = new ShiftIntrinsic(Get(sse2, "ShiftLeftLogical", V16, b), 15);
        table[SimdNumber(Opcode.I16x8ShrU)] = new ShiftIntrinsic(Get(sse2, "ShiftRightLogical", V16, b), 15);
        table[SimdNumber(Opcode.I16x8ShrS)] = new ShiftIntrinsic(Get(sse2, "ShiftRightArithmetic", VS16, b), 15);
        table[SimdNumber(Opcode.I32x4Shl)] = new ShiftIntrinsic(Get(sse2, "ShiftLeftLogical", V32, b), 31);
        table[SimdNumber(Opcode.I32x4ShrU)] = new ShiftIntrinsic(Get(sse2, "ShiftRightLogical", V32, b), 31);
        table[SimdNumber(Opcode.I32x4ShrS)] = new ShiftIntrinsic(Get(sse2, "ShiftRightArithmetic", VS32, b), 31);
        table[SimdNumber(Opcode.I64x2Shl)] = new ShiftIntrinsic(Get(sse2, "ShiftLeftLogical", V64, b), 63);
        table[SimdNumber(Opcode.I64x2ShrU)] = new ShiftIntrinsic(Get(sse2, "ShiftRightLogical", V64, b), 63);
        return table;
    }
}
