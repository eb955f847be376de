using Heron.Instructions;

namespace Heron.Text;

/// <summary>
/// Parses instruction sequences, plain and folded, into their encoding, driven by the opcode table's
/// text names and immediate kinds. Nesting lives in an explicit stack of <see cref="InstructionFrame"/>s,
/// never in recursion, so deeply nested code cannot overflow the host's stack.
/// </summary>
internal sealed partial class InstructionParser
{
    private readonly ModuleParser module;
    private readonly TokenReader r;
    private readonly IndexSpace? locals;
    private readonly List<string?> labels = [];
    private readonly List<InstructionFrame> frames = [];

    public InstructionParser(ModuleParser module, IndexSpace? locals)
    {
        this.module = module;
        r = module.Reader;
        this.locals = locals;
    }

    /// <summary>Parses <c>instr*</c> up to (not including) the right parenthesis that closes the enclosing form; writes no <c>end</c>.</summary>
    public void ParseExpression(ByteWriter w) => Run(w, single: false);

    /// <summary>Parses exactly one folded instruction.</summary>
    public void ParseFolded(ByteWriter w)
    {
        if (!r.AtLeftParen) throw r.Unexpected();
        Run(w, single: true);
    }

    private void Run(ByteWriter w, bool single)
    {
        while (true)
        {
            var token = r.Current;
            var top = frames.Count > 0 ? frames[^1] : null;
            if (token.Kind == TokenKind.RightParen)
            {
                if (top == null) return;
                r.Next();
                Close(w, top, token);
                if (single && frames.Count == 0) return;
                continue;
            }
            if (token.Kind == TokenKind.LeftParen)
            {
                Open(w, top);
                continue;
            }
            if (top != null && top.Kind is not (InstructionFrame.Shape.PlainBlock or InstructionFrame.Shape.FoldedBlock
                    or InstructionFrame.Shape.FoldedThen or InstructionFrame.Shape.FoldedElse))
            {
                // Operands of a folded instruction must themselves be folded.
                throw r.Unexpected();
            }
            if (token.Kind == TokenKind.Keyword)
            {
                Plain(w, top);
                continue;
            }
            if (token.Kind == TokenKind.EndOfFile) throw r.Unexpected();
            throw r.Error(token, "unknown operator");
        }
    }

    private void Close(ByteWriter w, InstructionFrame top, Token token)
    {
        switch (top.Kind)
        {
            case InstructionFrame.Shape.FoldedPlain:
                w.Bytes(top.Pending);
                frames.RemoveAt(frames.Count - 1);
                break;
            case InstructionFrame.Shape.FoldedBlock:
            case InstructionFrame.Shape.FoldedAfterThen:
            case InstructionFrame.Shape.FoldedDone:
                w.Byte(0x0B);
                labels.RemoveAt(labels.Count - 1);
                frames.RemoveAt(frames.Count - 1);
                break;
            case InstructionFrame.Shape.FoldedThen:
                top.Kind = InstructionFrame.Shape.FoldedAfterThen;
                break;
            case InstructionFrame.Shape.FoldedElse:
                top.Kind = InstructionFrame.Shape.FoldedDone;
                break;
            default:
                // A folded if without (then ...), or a plain block without end.
                throw r.Unexpected(token);
        }
    }

    private void Open(ByteWriter w, InstructionFrame? top)
    {
        var keywordToken = r.Peek();
        if (keywordToken.Kind != TokenKind.Keyword) throw r.Unexpected(keywordToken);
        var name = r.TextString(keywordToken);
        if (name == "then")
        {
            if (top?.Kind != InstructionFrame.Shape.FoldedIfCondition) throw r.Unexpected(keywordToken);
            r.Position += 2;
            w.Byte(0x04);
            w.Bytes(top.Pending);
            labels.Add(top.Label);
            top.Kind = InstructionFrame.Shape.FoldedThen;
            return;
        }
        if (name == "else" && top?.Kind == InstructionFrame.Shape.FoldedAfterThen)
        {
            r.Position += 2;
            w.Byte(0x05);
            top.Kind = InstructionFrame.Shape.FoldedElse;
            return;
        }
        if (top?.Kind is InstructionFrame.Shape.FoldedAfterThen or InstructionFrame.Shape.FoldedDone) throw r.Unexpected(keywordToken);
        var info = OpcodeTable.FromName(name);
        if (info == null || name is "end" or "else") throw r.Error(keywordToken, "unknown operator " + name);
        r.Position += 2;
        switch (info.Immediate)
        {
            case ImmediateKind.BlockType when info.Opcode == Opcode.If:
            {
                var label = r.TryId();
                var blockType = new ByteWriter();
                module.ParseBlockType(blockType);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedIfCondition) { Label = label, Pending = blockType.ToArray() });
                return;
            }
            case ImmediateKind.BlockType:
            case ImmediateKind.TryTable:
                BeginBlock(w, info);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedBlock));
                return;
            default:
            {
                var pending = new ByteWriter();
                WriteInstruction(pending, info, keywordToken);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedPlain) { Pending = pending.ToArray() });
                return;
            }
        }
    }

    /// <summary>Writes the header of a block, loop, if or try_table and opens its label.</summary>
    private string? BeginBlock(ByteWriter w, OpcodeInfo info)
    {
        var label = r.TryId();
        WriteOpcode(w, info.Opcode);
        module.ParseBlockType(w);
        if (info.Immediate == ImmediateKind.TryTable) WriteCatchClauses(w);
        labels.Add(label);
        return label;
    }

    private void Plain(ByteWriter w, InstructionFrame? top)
    {
        var token = r.Next();
        var name = r.TextString(token);
        switch (name)
        {
            case "end":
            {
                if (top?.Kind != InstructionFrame.Shape.PlainBlock) throw r.Unexpected(token);
                CheckClosingLabel(top.Label);
                w.Byte(0x0B);
                labels.RemoveAt(labels.Count - 1);
                frames.RemoveAt(frames.Count - 1);
                return;
            }
            case "else":
            {
                if (top is not { Kind: InstructionFrame.Shape.PlainBlock, IsIf: true, SeenElse: false }) throw r.Unexpected(token);
                CheckClosingLabel(top.Label);
                top.SeenElse = true;
                w.Byte(0x05);
                return;
            }
        }
        var info = OpcodeTable.FromName(name) ?? throw r.Error(token, "unknown operator " + name);
        if (info.Immediate is ImmediateKind.BlockType or ImmediateKind.TryTable)
        {
            var label = BeginBlock(w, info);
            frames.Add(new InstructionFrame(InstructionFrame.Shape.PlainBlock) { Label = label, IsIf = info.Opcode == Opcode.If });
            return;
        }
        WriteInstruction(w, info, token);
    }

    /// <summary>The optional <c>$id</c> after <c>end</c> or <c>else</c> must repeat the block's label.</summary>
    private void CheckClosingLabel(string? label)
    {
        var token = r.Current;
        if (token.Kind != TokenKind.Id) return;
        var id = r.IdName(token);
        if (id != label) throw r.Error(token, "mismatching label");
        r.Next();
    }

    private static void WriteOpcode(ByteWriter w, Opcode opcode)
    {
        var value = (int)opcode;
        var prefix = value >> 16;
        if (prefix != 0)
        {
            w.Byte(prefix);
            w.U32((uint)(value & 0xFFFF));
        }
        else w.Byte(value);
    }
}
