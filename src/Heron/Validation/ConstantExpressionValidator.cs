using Heron.Instructions;
using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Constant expressions (global initialisers, segment offsets, element items): which instructions they may
/// contain, and which globals they may read. Typing itself reuses <see cref="FunctionValidator"/>, since a
/// constant expression is a body without locals whose instructions are restricted.
/// </summary>
internal static class ConstantExpressionValidator
{
    /// <summary>True when <paramref name="opcode"/> may appear in a constant expression under <paramref name="features"/>.</summary>
    public static bool IsConstant(Opcode opcode, WasmFeatures features) => opcode switch
    {
        Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const or Opcode.V128Const
            or Opcode.RefNull or Opcode.RefFunc or Opcode.GlobalGet or Opcode.End => true,
        Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul or Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul
            => (features & WasmFeatures.ExtendedConst) != 0,
        Opcode.StructNew or Opcode.StructNewDefault or Opcode.ArrayNew or Opcode.ArrayNewDefault or Opcode.ArrayNewFixed
            or Opcode.RefI31 or Opcode.AnyConvertExtern or Opcode.ExternConvertAny => (features & WasmFeatures.Gc) != 0,
        _ => false,
    };

    /// <summary>
    /// How many globals (from index 0) a constant expression may read. 2.0 allows only imported globals; 3.0
    /// (with GC) also globals defined before the one being initialised, and all of them in segments.
    /// </summary>
    public static int ReadableGlobals(WasmModule module, WasmFeatures features, int definingGlobal)
    {
        if ((features & WasmFeatures.Gc) == 0) return module.ImportedGlobalCount;
        return definingGlobal < 0 ? module.GlobalCount : module.ImportedGlobalCount + definingGlobal;
    }

    /// <summary>Validates <paramref name="code"/> as a constant expression producing <paramref name="expected"/>.</summary>
    public static void Validate(FunctionValidator validator, ByteRange code, ValueType expected, int readableGlobals) =>
        validator.ValidateConstant(code, expected, readableGlobals);
}
