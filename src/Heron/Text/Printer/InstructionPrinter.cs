using System.Numerics;
using System.Text;
using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Text;

/// <summary>
/// Prints instruction sequences (function bodies and constant expressions) as flat text-format
/// instructions, one per line, indented by block depth, with every immediate spelled from the opcode
/// table's immediate kind. Labels are printed as relative depths, each block announcing its absolute
/// depth in a comment (<c>;; label = @2</c>), as wasm2wat does. Blocks are tracked by a counter, never by
/// recursion, so any nesting prints.
/// </summary>
internal sealed class InstructionPrinter
{
    private const string Hex = "0123456789abcdef";

    // Compiled switches nest thousands of blocks deep; indenting each level would make the text grow with
    // the square of the depth (80 MB for shootout-switch). Past this depth lines stay put; the label
    // comments still give the depth.
    private const int MaxIndentDepth = 64;

    private readonly StringBuilder text;
    private readonly WasmModule module;
    private readonly NameResolver names;

    public InstructionPrinter(StringBuilder text, WasmModule module, NameResolver names)
    {
        this.text = text;
        this.module = module;
        this.names = names;
    }

    /// <summary>
    /// Prints a function body's instructions (without its final <c>end</c>), each on its own line at
    /// <paramref name="indent"/> plus its depth. <paramref name="locals"/> holds the locals' ids, or null.
    /// </summary>
    public void PrintBody(ByteRange code, int indent, string?[]? locals)
    {
        var reader = new InstructionReader(module.Bytes, code.Start, code.End, WasmFeatures.Wasm3);
        var depth = 0;
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            var opcode = instruction.Opcode;
            var level = depth;
            switch (opcode)
            {
                case Opcode.End:
                    // The function's own end closes the body: the printer's closing parenthesis stands for it.
                    if (depth == 0 && reader.AtEnd) return;
                    if (depth > 0) depth--;
                    level = depth;
                    break;
                case Opcode.Else:
                case Opcode.Catch:
                case Opcode.CatchAll:
                    if (level > 0) level--;
                    break;
                case Opcode.Delegate:
                    if (depth > 0) depth--;
                    level = depth;
                    break;
            }
            text.Append(' ', 2 * (indent + Math.Min(level, MaxIndentDepth)));
            AppendInstruction(instruction, locals);
            if (instruction.Info.Immediate is ImmediateKind.BlockType or ImmediateKind.TryTable)
            {
                depth++;
                text.Append("  ;; label = @").Append(depth);
            }
            text.Append('\n');
        }
    }

    /// <summary>
    /// Prints a constant expression (its range includes the final <c>end</c>) on the current line: one
    /// instruction folded, as <c>(i32.const 1)</c>, several flat after <paramref name="keyword"/>, as
    /// <c>(offset global.get 0 i32.const 1 i32.add)</c>; <paramref name="keyword"/> null prints them flat and bare.
    /// </summary>
    public void PrintConstant(ByteRange expression, string? keyword)
    {
        var reader = new InstructionReader(module.Bytes, expression.Start, expression.End, WasmFeatures.Wasm3);
        var count = 0;
        var single = true;
        // Count first, to choose the folded form for the common single instruction.
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            if (instruction.Opcode == Opcode.End && reader.AtEnd) break;
            count++;
            if (instruction.Info.Immediate is ImmediateKind.BlockType or ImmediateKind.TryTable || instruction.Opcode == Opcode.End)
                single = false;
        }
        reader = new InstructionReader(module.Bytes, expression.Start, expression.End, WasmFeatures.Wasm3);
        var folded = count == 1 && single;
        if (folded) text.Append('(');
        else if (keyword != null) text.Append('(').Append(keyword);
        var first = folded || keyword == null;
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            if (instruction.Opcode == Opcode.End && reader.AtEnd) break;
            if (!first) text.Append(' ');
            first = false;
            AppendInstruction(instruction, null);
        }
        if (folded || keyword != null) text.Append(')');
    }

    /// <summary>Appends one instruction: its name and immediates.</summary>
    public void AppendInstruction(in Instruction instruction, string?[]? locals)
    {
        var info = instruction.Info;
        text.Append(info.Name);
        switch (info.Immediate)
        {
            case ImmediateKind.None:
            case ImmediateKind.ZeroByte:
                break;
            case ImmediateKind.BlockType:
                AppendBlockType(instruction.Block);
                break;
            case ImmediateKind.Label:
            case ImmediateKind.Type:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
            case ImmediateKind.Tag:
            case ImmediateKind.Lane:
                text.Append(' ').Append(instruction.Index);
                break;
            case ImmediateKind.Function:
                AppendFunction(instruction.Index);
                break;
            case ImmediateKind.Local:
                text.Append(' ');
                if (locals != null && instruction.Index < (uint)locals.Length && locals[instruction.Index] is { } id) text.Append(id);
                else text.Append(instruction.Index);
                break;
            case ImmediateKind.Memory:
                if (instruction.Index != 0) text.Append(' ').Append(instruction.Index);
                break;
            case ImmediateKind.LabelTable:
                foreach (var label in instruction.Labels!) text.Append(' ').Append(label);
                break;
            case ImmediateKind.CallIndirect:
                if (instruction.Index2 != 0) text.Append(' ').Append(instruction.Index2);
                text.Append(" (type ").Append(instruction.Index).Append(')');
                break;
            case ImmediateKind.MemArg:
                AppendMemArg(instruction);
                break;
            case ImmediateKind.MemArgLane:
                AppendMemArg(instruction);
                text.Append(' ').Append(instruction.Index2);
                break;
            case ImmediateKind.Shuffle:
                for (var i = 0; i < 8; i++) text.Append(' ').Append((instruction.V128Low >> (8 * i)) & 0xFF);
                for (var i = 0; i < 8; i++) text.Append(' ').Append((instruction.V128High >> (8 * i)) & 0xFF);
                break;
            case ImmediateKind.I32:
                text.Append(' ').Append((int)instruction.Value);
                break;
            case ImmediateKind.I64:
                text.Append(' ').Append(instruction.Value);
                break;
            case ImmediateKind.F32:
                text.Append(' ');
                FloatFormatter.AppendF32(text, (uint)instruction.Value);
                FloatFormatter.AppendDecimalComment(text, (uint)instruction.Value, isF64: false);
                break;
            case ImmediateKind.F64:
                text.Append(' ');
                FloatFormatter.AppendF64(text, (ulong)instruction.Value);
                FloatFormatter.AppendDecimalComment(text, (ulong)instruction.Value, isF64: true);
                break;
            case ImmediateKind.V128:
                // As wasm2wat: four 32-bit lanes in hex, whatever shape produced them.
                text.Append(" i32x4");
                AppendHex32((uint)instruction.V128Low);
                AppendHex32((uint)(instruction.V128Low >> 32));
                AppendHex32((uint)instruction.V128High);
                AppendHex32((uint)(instruction.V128High >> 32));
                break;
            case ImmediateKind.HeapType:
                text.Append(' ');
                TypePrinter.AppendHeapType(text, instruction.Heap);
                break;
            case ImmediateKind.CastHeapType:
                // The nullable variant is the second row under the shared name (ref.test, ref.cast).
                text.Append(' ');
                TypePrinter.AppendRefType(text, instruction.Heap, OpcodeTable.FromName(info.Name)!.Opcode != info.Opcode);
                break;
            case ImmediateKind.SelectTypes:
                text.Append(" (result");
                foreach (var type in instruction.Types!)
                {
                    text.Append(' ');
                    TypePrinter.AppendValueType(text, type);
                }
                text.Append(')');
                break;
            case ImmediateKind.DataMemory:
            case ImmediateKind.ElemTable:
                // memory.init / table.init: the memory or table comes first, and only when not 0.
                if (instruction.Index2 != 0) text.Append(' ').Append(instruction.Index2);
                text.Append(' ').Append(instruction.Index);
                break;
            case ImmediateKind.MemoryPair:
            case ImmediateKind.TablePair:
                if (instruction.Index != 0 || instruction.Index2 != 0)
                    text.Append(' ').Append(instruction.Index).Append(' ').Append(instruction.Index2);
                break;
            case ImmediateKind.TypeField:
            case ImmediateKind.TypeCount:
            case ImmediateKind.TypePair:
            case ImmediateKind.TypeData:
            case ImmediateKind.TypeElem:
                text.Append(' ').Append(instruction.Index).Append(' ').Append(instruction.Index2);
                break;
            case ImmediateKind.TryTable:
                AppendBlockType(instruction.Block);
                foreach (var clause in instruction.Catches!)
                {
                    text.Append(clause.Kind switch { 0 => " (catch ", 1 => " (catch_ref ", 2 => " (catch_all ", _ => " (catch_all_ref " });
                    if (clause.HasTag) text.Append(clause.Tag).Append(' ');
                    text.Append(clause.Label).Append(')');
                }
                break;
            case ImmediateKind.BrOnCast:
                text.Append(' ').Append(instruction.Index).Append(' ');
                TypePrinter.AppendRefType(text, instruction.Heap, (instruction.Flags & 1) != 0);
                text.Append(' ');
                TypePrinter.AppendRefType(text, instruction.Heap2, (instruction.Flags & 2) != 0);
                break;
            default:
                throw new InvalidOperationException($"No printer for immediate kind {info.Immediate}.");
        }
    }

    private void AppendFunction(uint index)
    {
        text.Append(' ');
        if (names.Function(index) is { } id) text.Append(id);
        else text.Append(index);
    }

    private void AppendBlockType(BlockType block)
    {
        if (block.HasTypeIndex) text.Append(" (type ").Append(block.TypeIndex).Append(')');
        else if (block.Result is { } result)
        {
            text.Append(" (result ");
            TypePrinter.AppendValueType(text, result);
            text.Append(')');
        }
    }

    private void AppendMemArg(in Instruction instruction)
    {
        if (instruction.Index != 0) text.Append(' ').Append(instruction.Index);
        if (instruction.MemoryOffset != 0) text.Append(" offset=").Append(instruction.MemoryOffset);
        var natural = BitOperations.Log2((uint)instruction.Info.AccessSize);
        if (instruction.Align != natural) text.Append(" align=").Append(1UL << (int)instruction.Align);
    }

    private void AppendHex32(uint value)
    {
        text.Append(" 0x");
        for (var shift = 28; shift >= 0; shift -= 4) text.Append(Hex[(int)(value >> shift) & 0xF]);
    }
}
