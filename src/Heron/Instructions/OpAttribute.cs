namespace Heron.Instructions;

/// <summary>
/// Describes one instruction on its <see cref="Opcode"/> member, so that each instruction is one row:
/// its text name, immediates, and typing. <see cref="Signature"/> is "operands : results" with value
/// types separated by spaces (for example "i32 i32 : i32"); null means the validator types the
/// instruction by its own rule (control, variables, references, calls, polymorphic instructions).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class OpAttribute(string name, ImmediateKind immediate = ImmediateKind.None, string? signature = null) : Attribute
{
    public string Name { get; } = name;

    public ImmediateKind Immediate { get; } = immediate;

    public string? Signature { get; } = signature;

    /// <summary>Bytes a load or store accesses (its natural alignment is at most this).</summary>
    public int AccessSize { get; init; }

    /// <summary>For lane instructions: the number of lanes (lane immediates must be below it).</summary>
    public int Lanes { get; init; }

    /// <summary>The proposal that introduced the instruction.</summary>
    public Feature Feature { get; init; }
}
