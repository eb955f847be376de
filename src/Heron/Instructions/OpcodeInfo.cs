namespace Heron.Instructions;

/// <summary>One row of the opcode table, as read from the <see cref="OpAttribute"/> of an <see cref="Opcode"/>.</summary>
internal sealed class OpcodeInfo
{
    public required Opcode Opcode { get; init; }

    /// <summary>The name in the text format.</summary>
    public required string Name { get; init; }

    public required ImmediateKind Immediate { get; init; }

    /// <summary>Operand types popped, in stack order (the last one is on top); null when typed by a special rule.</summary>
    public ValueType[]? Operands { get; init; }

    /// <summary>Result types pushed; null when typed by a special rule.</summary>
    public ValueType[]? Results { get; init; }

    public int AccessSize { get; init; }

    public int Lanes { get; init; }

    public Feature Feature { get; init; }

    /// <summary>0, 0xFB, 0xFC, 0xFD or 0xFE.</summary>
    public int Prefix => (int)Opcode >> 16;

    /// <summary>The opcode byte, or the sub-opcode after the prefix.</summary>
    public int Code => (int)Opcode & 0xFFFF;

    /// <summary>True for loads and stores, whose memarg alignment is checked against <see cref="AccessSize"/>.</summary>
    public bool IsMemoryAccess => Immediate is ImmediateKind.MemArg or ImmediateKind.MemArgLane;

    public override string ToString() => Name;
}
