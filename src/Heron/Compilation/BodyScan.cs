using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// What the compiler learns from one quick pass over a function body before compiling it: the locals
/// each loop assigns (for <see cref="CheckedAddresses"/>), and whether the body touches a memory or
/// calls, so that the prologue loads no memory it never uses and a small leaf skips the stack check; and
/// which globals it uses how often, so that the prologue can fetch the cells of the busy ones once.
/// </summary>
internal sealed class BodyScan
{
    /// <summary>For each <c>loop</c>, by the offset of its instruction, the locals assigned anywhere inside it.</summary>
    public Dictionary<int, HashSet<int>> LoopAssignments { get; } = new();

    /// <summary>True when an instruction reads or changes a memory (access, size, grow, fill, copy, init).</summary>
    public bool UsesMemory { get; private set; }

    /// <summary>How many global.get and global.set instructions name each global (by index); empty when none do.</summary>
    public Dictionary<int, int> GlobalUses { get; } = new();

    /// <summary>True when the body calls a function (directly, indirectly or by reference, tail calls included).</summary>
    public bool Calls { get; private set; }

    /// <summary>Where C and Rust toolchains start static data (wasm-ld's default global base is 1024).</summary>
    private const uint StaticDataStart = 1024;

    /// <summary>
    /// True when the body indexes what may be static data: an access with a memarg offset of at least
    /// <see cref="StaticDataStart"/>, or such a constant added to something. Only such a body can have an
    /// address <see cref="AddressBounds"/> bounds usefully (a pointer's value is never bounded).
    /// </summary>
    public bool IndexesStaticData { get; private set; }

    public static BodyScan Of(byte[] module, int start, int end)
    {
        var scan = new BodyScan();
        var open = new List<HashSet<int>?>(); // per open block: the loop's set, or null for other blocks
        var reader = new InstructionReader(module, start, end);
        var staticBase = false; // the previous instruction pushed a constant that may be the base of static data
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            if (instruction.Info.IsMemoryAccess)
            {
                scan.UsesMemory = true;
                if (instruction.MemoryOffset >= StaticDataStart) scan.IndexesStaticData = true;
            }
            if (staticBase && instruction.Opcode == Opcode.I32Add) scan.IndexesStaticData = true;
            staticBase = instruction.Opcode == Opcode.I32Const && (uint)instruction.Value >= StaticDataStart;
            switch (instruction.Opcode)
            {
                case Opcode.Block or Opcode.If or Opcode.TryTable or Opcode.Try:
                    open.Add(null);
                    break;
                case Opcode.Loop:
                    var assigned = new HashSet<int>();
                    scan.LoopAssignments[instruction.Offset] = assigned;
                    open.Add(assigned);
                    break;
                case Opcode.End or Opcode.Delegate when open.Count > 0:
                    open.RemoveAt(open.Count - 1);
                    break;
                case Opcode.LocalSet or Opcode.LocalTee:
                    foreach (var loop in open) loop?.Add((int)instruction.Index);
                    break;
                case Opcode.GlobalGet or Opcode.GlobalSet:
                    var global = (int)instruction.Index;
                    scan.GlobalUses[global] = scan.GlobalUses.TryGetValue(global, out var uses) ? uses + 1 : 1; // not GetValueOrDefault: a generic extension the start would JIT
                    break;
                case Opcode.MemorySize or Opcode.MemoryGrow or Opcode.MemoryFill or Opcode.MemoryCopy or Opcode.MemoryInit:
                    scan.UsesMemory = true;
                    break;
                case Opcode.Call or Opcode.CallIndirect or Opcode.CallRef
                    or Opcode.ReturnCall or Opcode.ReturnCallIndirect or Opcode.ReturnCallRef:
                    scan.Calls = true;
                    break;
            }
        }
        return scan;
    }
}
