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
                Open(w, top, module.BranchHintAt(r.Position));
                continue;
            }
            if (top != null && top.Kind is not (InstructionFrame.Shape.PlainBlock or InstructionFrame.Shape.FoldedBlock
                    or InstructionFrame.Shape.FoldedThen or InstructionFrame.Shape.FoldedElse or InstructionFrame.Shape.FoldedTryPart)
                && !(top.Kind == InstructionFrame.Shape.FoldedPlain && module.PlainOperandsInFolds))
            {
                // Operands of a folded instruction must themselves be folded (unless in Wasmtime's syntax).
                throw r.Unexpected();
            }
            if (token.Kind == TokenKind.Keyword)
            {
                Plain(w, top, module.BranchHintAt(r.Position));
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
                if (top.Hint != null) module.AddBranchHint(top.Hint, top.Opcode, w.Length);
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
            case InstructionFrame.Shape.FoldedTryPart:
                top.Kind = top.SeenCatchAll ? InstructionFrame.Shape.FoldedTryDone : InstructionFrame.Shape.FoldedTryClauses;
                break;
            case InstructionFrame.Shape.FoldedTryClauses:
            case InstructionFrame.Shape.FoldedTryDone:
                if (!top.Delegated)
                {
                    w.Byte(0x0B);
                    labels.RemoveAt(labels.Count - 1);
                }
                frames.RemoveAt(frames.Count - 1);
                break;
            default:
                // A folded if without (then ...), or a plain block without end.
                throw r.Unexpected(token);
        }
    }

    /// <summary>A folded form: an instruction, or a part of a folded if or try. <paramref name="hint"/>: a branch hint before it.</summary>
    private void Open(ByteWriter w, InstructionFrame? top, Annotation? hint)
    {
        var keywordToken = r.Peek();
        if (keywordToken.Kind != TokenKind.Keyword) throw r.Unexpected(keywordToken);
        var name = r.TextString(keywordToken);
        // A hint belongs to the instruction the form is; an if's opcode comes after its condition.
        var opcode = OpcodeTable.FromName(name)?.Opcode ?? Opcode.Nop;
        if (hint != null && opcode is not (Opcode.If or Opcode.BrIf)) module.AddBranchHint(hint, opcode, w.Length);
        if (name == "then")
        {
            if (top?.Kind != InstructionFrame.Shape.FoldedIfCondition) throw r.Unexpected(keywordToken);
            r.Position += 2;
            if (top.Hint != null) module.AddBranchHint(top.Hint, Opcode.If, w.Length);
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
        if (top?.Kind is InstructionFrame.Shape.FoldedTry or InstructionFrame.Shape.FoldedTryClauses or InstructionFrame.Shape.FoldedTryDone)
        {
            OpenTryPart(w, top, keywordToken, name);
            return;
        }
        var info = OpcodeTable.FromName(name);
        if (info == null || name is "end" or "else") throw r.Error(keywordToken, "unknown operator " + name);
        if (IsTryClause(info.Opcode)) throw r.Unexpected(keywordToken);
        r.Position += 2;
        switch (info.Immediate)
        {
            case ImmediateKind.BlockType when info.Opcode == Opcode.If:
            {
                var label = r.TryId();
                var blockType = new ByteWriter();
                module.ParseBlockType(blockType);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedIfCondition) { Label = label, Pending = blockType.ToArray(), Hint = hint });
                return;
            }
            case ImmediateKind.BlockType when info.Opcode == Opcode.Try:
                BeginBlock(w, info);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedTry) { IsTry = true });
                return;
            case ImmediateKind.BlockType:
            case ImmediateKind.TryTable:
                BeginBlock(w, info);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedBlock));
                return;
            default:
            {
                var pending = new ByteWriter();
                WriteInstruction(pending, info, keywordToken);
                frames.Add(new InstructionFrame(InstructionFrame.Shape.FoldedPlain) { Pending = pending.ToArray(), Hint = info.Opcode == Opcode.BrIf ? hint : null, Opcode = info.Opcode });
                return;
            }
        }
    }

    /// <summary>Writes the header of a block, loop, if, try_table or legacy try and opens its label.</summary>
    private string? BeginBlock(ByteWriter w, OpcodeInfo info)
    {
        var label = r.TryId();
        WriteOpcode(w, info.Opcode);
        module.ParseBlockType(w);
        if (info.Immediate == ImmediateKind.TryTable) WriteCatchClauses(w);
        labels.Add(label);
        return label;
    }

    /// <summary>A plain instruction, <c>end</c> or <c>else</c>. <paramref name="hint"/>: a branch hint before it.</summary>
    private void Plain(ByteWriter w, InstructionFrame? top, Annotation? hint)
    {
        var token = r.Next();
        var name = r.TextString(token);
        if (hint != null) module.AddBranchHint(hint, OpcodeTable.FromName(name)?.Opcode ?? Opcode.Nop, w.Length);
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
            frames.Add(new InstructionFrame(InstructionFrame.Shape.PlainBlock)
                { Label = label, IsIf = info.Opcode == Opcode.If, IsTry = info.Opcode == Opcode.Try });
            return;
        }
        if (IsTryClause(info.Opcode))
        {
            PlainTryClause(w, top, info, token);
            return;
        }
        WriteInstruction(w, info, token);
    }

    private static bool IsTryClause(Opcode opcode) => opcode is Opcode.Catch or Opcode.CatchAll or Opcode.Delegate;

    /// <summary>A plain legacy try's <c>catch x</c>, <c>catch_all</c> or <c>delegate l</c> (which ends the try as <c>end</c> would).</summary>
    private void PlainTryClause(ByteWriter w, InstructionFrame? top, OpcodeInfo info, Token token)
    {
        if (top is not { Kind: InstructionFrame.Shape.PlainBlock, IsTry: true, SeenCatchAll: false }) throw r.Unexpected(token);
        if (info.Opcode == Opcode.Delegate)
        {
            if (top.SeenCatch) throw r.Unexpected(token);
            Delegate(w);
            frames.RemoveAt(frames.Count - 1);
            return;
        }
        top.SeenCatch = true;
        top.SeenCatchAll = info.Opcode == Opcode.CatchAll;
        WriteInstruction(w, info, token);
    }

    /// <summary>
    /// <c>delegate l</c> in place of a try's <c>end</c>: the try's label is closed first, because <c>l</c> counts
    /// from outside the try.
    /// </summary>
    private void Delegate(ByteWriter w)
    {
        labels.RemoveAt(labels.Count - 1);
        WriteOpcode(w, Opcode.Delegate);
        w.U32(Label());
    }

    /// <summary>In a folded legacy try: <c>(do</c>, <c>(catch x</c>, <c>(catch_all</c> or <c>(delegate l)</c>, in that grammar's order.</summary>
    private void OpenTryPart(ByteWriter w, InstructionFrame top, Token keywordToken, string name)
    {
        var expected = top.Kind switch
        {
            InstructionFrame.Shape.FoldedTry => name == "do",
            InstructionFrame.Shape.FoldedTryClauses => name is "catch" or "catch_all" || name == "delegate" && !top.SeenCatch,
            _ => false,
        };
        if (!expected) throw r.Unexpected(keywordToken);
        r.Position += 2;
        switch (name)
        {
            case "do":
                break;
            case "delegate":
                Delegate(w);
                r.ExpectRightParen();
                top.Delegated = true;
                top.Kind = InstructionFrame.Shape.FoldedTryDone;
                return;
            case "catch":
                WriteOpcode(w, Opcode.Catch);
                w.U32(module.Tags.Resolve(r));
                top.SeenCatch = true;
                break;
            default:
                WriteOpcode(w, Opcode.CatchAll);
                top.SeenCatch = true;
                top.SeenCatchAll = true;
                break;
        }
        top.Kind = InstructionFrame.Shape.FoldedTryPart;
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
