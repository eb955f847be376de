using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// Decides whether a rotate may be emitted as the JIT's own rotate (<c>BitOperations.RotateLeft</c>: one
/// <c>rol</c>), which the .NET 10 x64 JIT miscompiles in one shape: a rotate by a constant compared with
/// zero (<c>if</c>, <c>br_if</c>, <c>select</c>, <c>eqz</c>, any comparison) loses the compare, the branch
/// reading flags the rotate never set (dotnet/runtime#129288, fixed after .NET 10). The JIT only does so
/// when the rotate is the compare's operand in its IR, which happens when the rotate's value goes straight
/// into a comparison, or into a local that its forward substitution moves into a comparison in the next
/// statement, the JIT folding identities such as <c>x + 0</c> on the way. So the rotate is allowed when a
/// look ahead in the body, following its value up through arithmetic, finds it stored (to memory, a global,
/// or a local whose reads before the next statement ends are followed the same way), dropped or used as an
/// address; anything else, or a look ahead that goes too far, keeps the two-shift form (<see cref="NumericEmitter"/>).
/// ARX code (hashes, ciphers) rotates into additions and xors: blake3-scalar, xchacha20 and seqhash run
/// 1.1x Wasmtime with the rotate against 1.8-2.1x without.
/// </summary>
internal static class RotateGuard
{
    /// <summary>How many locals a value may be copied through before the look ahead gives up.</summary>
    private const int MaxCopies = 4;

    /// <summary>How many instructions the whole look ahead for one rotate may read (it recurses through locals).</summary>
    private const int Budget = 96;

    /// <summary>True when the value a rotate ending at <paramref name="after"/> pushes is only ever consumed safely.</summary>
    public static bool MayRotate(byte[] module, int after, int end)
    {
        var budget = Budget;
        return ConsumedSafely(module, after, end, copies: 0, ref budget);
    }

    /// <summary>
    /// Follows the value on top of the stack before the instruction at <paramref name="at"/> up its
    /// expression: through arithmetic the JIT may fold away (as <c>x + 0</c>) to where it is stored, dropped
    /// or used as an address, or to an operation with a second operand that no folding removes (a constant
    /// other than the operation's identity, or a value read from memory), after which the rotate is no
    /// longer what any comparison sees. Any other consumer (a comparison, a branch, a call, a division with
    /// its zero test) or an instruction of unknown stack effect ends the look ahead unsafe.
    /// </summary>
    private static bool ConsumedSafely(byte[] module, int at, int end, int copies, ref int budget)
    {
        var reader = new InstructionReader(module, at, end);
        // The values pushed above the followed one: how many, and what pushed the lowest of them when it was a
        // constant or a load (no list of Instruction?: framework generic code every start would JIT-compile).
        var above = 0;
        var lowest = default(Instruction);
        var lowestKept = false;
        while (!reader.AtEnd && budget-- > 0)
        {
            var instruction = reader.Read();
            if (!StackEffect(instruction, out var pops, out var pushes)) return false;
            if (pops <= above)
            {
                above -= pops;
                if (above == 0 && pushes > 0)
                {
                    lowest = instruction;
                    lowestKept = instruction.Opcode is Opcode.I32Const or Opcode.I64Const || instruction.Info.Immediate == ImmediateKind.MemArg;
                }
                above += pushes;
                continue;
            }
            var opcode = instruction.Opcode;
            if (opcode is Opcode.Drop or Opcode.GlobalSet || instruction.Info.Immediate == ImmediateKind.MemArg) return true;
            if (opcode is Opcode.LocalSet or Opcode.LocalTee)
            {
                if (copies >= MaxCopies || !NextStatementReadsSafely(module, reader.Position, end, (int)instruction.Index, copies + 1, ref budget)) return false;
                if (opcode == Opcode.LocalSet) return true;
            }
            else if (!IsArithmetic(opcode)) return false;
            else if (above == 1 && lowestKept && Unfoldable(opcode, lowest)) return true;
            above = 0; // the result, which holds the followed value, is on top
        }
        return false;
    }

    /// <summary>Whether <paramref name="opcode"/> with <paramref name="other"/> as its second operand can never be folded to its first.</summary>
    private static bool Unfoldable(Opcode opcode, in Instruction other)
    {
        if (other.Info.Immediate == ImmediateKind.MemArg) return true; // a load: never a constant
        var value = other.Value;
        var wide = other.Opcode == Opcode.I64Const;
        return opcode switch
        {
            Opcode.I32Add or Opcode.I32Sub or Opcode.I32Or or Opcode.I32Xor => (int)value != 0,
            Opcode.I64Add or Opcode.I64Sub or Opcode.I64Or or Opcode.I64Xor => value != 0,
            Opcode.I32And => (int)value != -1,
            Opcode.I64And => value != -1,
            Opcode.I32Mul => (int)value != 1,
            Opcode.I64Mul => value != 1,
            Opcode.I32Shl or Opcode.I32ShrS or Opcode.I32ShrU or Opcode.I32Rotl or Opcode.I32Rotr => !wide && (value & 31) != 0,
            Opcode.I64Shl or Opcode.I64ShrS or Opcode.I64ShrU or Opcode.I64Rotl or Opcode.I64Rotr => wide && (value & 63) != 0,
            _ => false,
        };
    }

    /// <summary>How many values an instruction pops and pushes; false for control flow and instructions typed by special rules.</summary>
    private static bool StackEffect(in Instruction instruction, out int pops, out int pushes)
    {
        (pops, pushes) = instruction.Opcode switch
        {
            Opcode.LocalGet or Opcode.GlobalGet or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const => (0, 1),
            Opcode.LocalSet or Opcode.GlobalSet or Opcode.Drop => (1, 0),
            Opcode.LocalTee => (1, 1),
            _ => (-1, -1),
        };
        if (pops >= 0) return true;
        var info = instruction.Info;
        if (info.Operands is null || info.Results is null || info.Immediate is ImmediateKind.BlockType or ImmediateKind.Label
            or ImmediateKind.LabelTable or ImmediateKind.Function or ImmediateKind.CallIndirect) return false;
        (pops, pushes) = (info.Operands.Length, info.Results.Length);
        return true;
    }

    /// <summary>
    /// The reads of <paramref name="local"/> from <paramref name="at"/> to the end of the next statement
    /// (where the JIT may substitute the local's value) all consume it safely.
    /// </summary>
    private static bool NextStatementReadsSafely(byte[] module, int at, int end, int local, int copies, ref int budget)
    {
        var reader = new InstructionReader(module, at, end);
        while (budget-- > 0)
        {
            if (reader.AtEnd) return true;
            var instruction = reader.Read();
            if (instruction.Opcode == Opcode.LocalGet && instruction.Index == local && !ConsumedSafely(module, reader.Position, end, copies, ref budget))
                return false;
            if (EndsStatement(instruction)) return true;
        }
        return false;
    }

    /// <summary>Instructions the JIT's importer ends a statement at: stores to locals, globals and memory, and control flow.</summary>
    private static bool EndsStatement(in Instruction instruction) =>
        instruction.Opcode is Opcode.LocalSet or Opcode.LocalTee or Opcode.GlobalSet or Opcode.Select or Opcode.SelectTyped
            or Opcode.Return or Opcode.Unreachable
        || instruction.Info.Immediate is ImmediateKind.BlockType or ImmediateKind.Label or ImmediateKind.LabelTable
        || instruction.Opcode is Opcode.Else or Opcode.End
        || instruction.Info.IsMemoryAccess && instruction.Info.Results is { Length: 0 };

    /// <summary>Integer operations whose result is a new value (not a comparison, and no hidden test as division has).</summary>
    private static bool IsArithmetic(Opcode opcode) => opcode is
        Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul or Opcode.I32And or Opcode.I32Or or Opcode.I32Xor
        or Opcode.I32Shl or Opcode.I32ShrS or Opcode.I32ShrU or Opcode.I32Rotl or Opcode.I32Rotr
        or Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul or Opcode.I64And or Opcode.I64Or or Opcode.I64Xor
        or Opcode.I64Shl or Opcode.I64ShrS or Opcode.I64ShrU or Opcode.I64Rotl or Opcode.I64Rotr
        or Opcode.I32WrapI64 or Opcode.I64ExtendI32S or Opcode.I64ExtendI32U;
}
