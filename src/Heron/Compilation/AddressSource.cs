using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>An operand known as a local's current value plus a displacement (<see cref="Local"/> -1: unknown).</summary>
internal readonly record struct AddressSource(int Local, uint Displacement)
{
    public static readonly AddressSource Unknown = new(-1, 0);

    public bool IsKnown => Local >= 0;
}

/// <summary>
/// Follows where the top two operands came from, as far as bounds checks care: <c>local.get</c> (or
/// <c>local.tee</c>) of a local, possibly plus an <c>i32.const</c> by <c>i32.add</c> (LLVM's way of
/// addressing a field when it cannot prove the sum does not wrap). Any other instruction forgets.
/// </summary>
internal sealed class AddressOperands
{
    /// <summary>Displacements up to this stay exact as unsigned 33-bit sums.</summary>
    private const uint MaxDisplacement = int.MaxValue;

    private AddressSource top = AddressSource.Unknown;
    private AddressSource second = AddressSource.Unknown;
    private long topConstant = -1; // the top operand is this i32.const (-1: it is not one, or negative)
    private long secondConstant = -1;

    /// <summary>The source of the operand with <paramref name="valuesAbove"/> operands above it (0 or 1).</summary>
    public AddressSource Source(int valuesAbove) => valuesAbove switch
    {
        0 => top,
        1 => second,
        _ => AddressSource.Unknown,
    };

    /// <summary>Updates the sources after <paramref name="instruction"/> was compiled.</summary>
    public void After(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.LocalGet:
                Push(new AddressSource((int)instruction.Index, 0), -1);
                break;
            case Opcode.LocalTee:
                Forget((int)instruction.Index);
                top = new AddressSource((int)instruction.Index, 0);
                topConstant = -1;
                break;
            case Opcode.I32Const:
                Push(AddressSource.Unknown, (int)instruction.Value >= 0 ? (int)instruction.Value : -1);
                break;
            case Opcode.I64Const or Opcode.F32Const or Opcode.F64Const or Opcode.V128Const:
                Push(AddressSource.Unknown, -1);
                break;
            case Opcode.I32Add:
                var sum = Add(second, topConstant);
                if (!sum.IsKnown) sum = Add(top, secondConstant);
                top = sum;
                second = AddressSource.Unknown;
                topConstant = secondConstant = -1;
                break;
            default:
                top = second = AddressSource.Unknown;
                topConstant = secondConstant = -1;
                break;
        }
    }

    private void Push(AddressSource source, long constant)
    {
        second = top;
        secondConstant = topConstant;
        top = source;
        topConstant = constant;
    }

    private void Forget(int local)
    {
        if (top.Local == local) top = AddressSource.Unknown;
        if (second.Local == local) second = AddressSource.Unknown;
    }

    private static AddressSource Add(AddressSource source, long constant) =>
        source.IsKnown && constant >= 0 && source.Displacement + (ulong)constant <= MaxDisplacement
            ? new AddressSource(source.Local, source.Displacement + (uint)constant)
            : AddressSource.Unknown;
}
