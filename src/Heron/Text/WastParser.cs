using System.Text;
using Heron.Text.Script;

namespace Heron.Text;

/// <summary>
/// Reads a .wast script into its commands. Text modules are kept as source (with their position) and
/// parsed only when a command runs, so a script whose assert_malformed modules are malformed still reads.
/// </summary>
internal static class WastParser
{
    private static readonly HashSet<string> ModuleFieldKeywords =
        ["type", "rec", "import", "func", "table", "memory", "global", "tag", "export", "start", "elem", "data"];

    /// <summary>Parses a whole script. A script made of bare module fields is one module.</summary>
    public static IReadOnlyList<ScriptCommand> ParseScript(string text)
    {
        var r = new TokenReader(text, Lexer.Tokenize(text));
        var commands = new List<ScriptCommand>();
        if (r.AtLeftParen && r.Peek().Kind == TokenKind.Keyword && ModuleFieldKeywords.Contains(r.TextString(r.Peek())))
        {
            var first = r.Current;
            var module = new ScriptModule(ScriptModuleKind.Text, first.Line, first.Column) { Source = text[first.Start..] };
            commands.Add(new ModuleCommand(module, first.Line, first.Column));
            return commands;
        }
        while (!r.AtEnd) commands.Add(ParseCommand(r));
        return commands;
    }

    private static ScriptCommand ParseCommand(TokenReader r)
    {
        var open = r.Current;
        if (!r.AtLeftParen) throw r.Unexpected();
        var keywordToken = r.Peek();
        var keyword = r.TextString(keywordToken);
        var (line, column) = (open.Line, open.Column);
        switch (keyword)
        {
            case "module":
                if (r.IsKeyword(r.Peek(2), "instance"))
                {
                    r.Position += 3;
                    var instance = r.TryId();
                    var definition = r.TryId();
                    r.ExpectRightParen();
                    return new ModuleInstanceCommand(instance, definition, line, column);
                }
                return new ModuleCommand(ParseModule(r), line, column);
            case "register":
            {
                r.Position += 2;
                var name = r.ReadName();
                var module = r.TryId();
                r.ExpectRightParen();
                return new RegisterCommand(name, module, line, column);
            }
            case "invoke": case "get":
                return new ActionCommand(ParseAction(r), line, column);
            case "assert_return":
            {
                r.Position += 2;
                var action = ParseAction(r);
                var results = new List<ScriptResult>();
                while (r.AtLeftParen) results.Add(ParseResult(r));
                r.ExpectRightParen();
                return new AssertReturnCommand(action, results.ToArray(), line, column);
            }
            case "assert_trap":
            {
                r.Position += 2;
                ScriptAction? action = null;
                ScriptModule? module = null;
                if (r.AtForm("module")) module = ParseModule(r);
                else action = ParseAction(r);
                var message = r.ReadName();
                r.ExpectRightParen();
                return new AssertTrapCommand(action, module, message, line, column);
            }
            case "assert_exhaustion":
            {
                r.Position += 2;
                var action = ParseAction(r);
                var message = r.ReadName();
                r.ExpectRightParen();
                return new AssertExhaustionCommand(action, message, line, column);
            }
            case "assert_exception":
            {
                r.Position += 2;
                var action = ParseAction(r);
                r.ExpectRightParen();
                return new AssertExceptionCommand(action, line, column);
            }
            case "assert_invalid": case "assert_malformed": case "assert_unlinkable":
            {
                r.Position += 2;
                var module = ParseModule(r);
                var message = r.ReadName();
                r.ExpectRightParen();
                return keyword switch
                {
                    "assert_invalid" => new AssertInvalidCommand(module, message, line, column),
                    "assert_malformed" => new AssertMalformedCommand(module, message, line, column),
                    _ => new AssertUnlinkableCommand(module, message, line, column),
                };
            }
            case "assert_malformed_custom": case "assert_invalid_custom":
            {
                r.Position += 2;
                var module = ParseModule(r);
                var message = r.ReadName();
                r.ExpectRightParen();
                return new AssertCustomCommand(module, message, Invalid: keyword == "assert_invalid_custom", line, column);
            }
            case "thread":
                return ParseThread(r, line, column);
            case "wait":
            {
                r.Position += 2;
                var name = r.TryId() ?? throw r.Unexpected();
                r.ExpectRightParen();
                return new WaitCommand(name, line, column);
            }
            default:
                if (keywordToken.Kind != TokenKind.Keyword) throw r.Unexpected(keywordToken);
                // anything else: read past, report as unsupported.
                r.SkipForm();
                return new UnsupportedCommand(keyword, line, column);
        }
    }

    /// <summary><c>(thread $name (shared (module $m))* command*)</c>: commands run on a thread of their own.</summary>
    private static ThreadCommand ParseThread(TokenReader r, int line, int column)
    {
        r.Position += 2;
        var name = r.TryId() ?? throw r.Unexpected();
        var shared = new List<string>();
        while (r.AtForm("shared"))
        {
            r.Position += 2;
            if (!r.AtForm("module")) throw r.Unexpected();
            r.Position += 2;
            shared.Add(r.TryId() ?? throw r.Unexpected());
            r.ExpectRightParen();
            r.ExpectRightParen();
        }
        var commands = new List<ScriptCommand>();
        while (!r.AtRightParen) commands.Add(ParseCommand(r));
        r.ExpectRightParen();
        return new ThreadCommand(name, shared.ToArray(), commands.ToArray(), line, column);
    }

    /// <summary><c>(module $id? ...)</c>, <c>(module $id? binary "..."*)</c>, <c>(module $id? quote "..."*)</c>, or a definition.</summary>
    private static ScriptModule ParseModule(TokenReader r)
    {
        var open = r.Current;
        if (!r.AtForm("module")) throw r.Unexpected();
        r.Position += 2;
        var isDefinition = false;
        if (r.AtKeyword("definition"))
        {
            r.Next();
            isDefinition = true;
        }
        var name = r.TryId();
        if (r.AtKeyword("binary") || r.AtKeyword("quote"))
        {
            var binary = r.AtKeyword("binary");
            r.Next();
            var bytes = new List<byte>();
            while (r.Current.Kind == TokenKind.String) bytes.AddRange(r.ReadStringBytes());
            r.ExpectRightParen();
            if (binary)
            {
                return new ScriptModule(ScriptModuleKind.Binary, open.Line, open.Column)
                    { Name = name, IsDefinition = isDefinition, Bytes = bytes.ToArray() };
            }
            // Quoted text is parsed later; invalid UTF-8 in it makes that parse fail, as it should.
            var source = new UTF8Encoding(false, false).GetString(bytes.ToArray());
            if (!IsValidUtf8(bytes)) source = "\u0000" + source;
            return new ScriptModule(ScriptModuleKind.Quote, open.Line, open.Column)
                { Name = name, IsDefinition = isDefinition, Source = source };
        }
        r.Position -= name != null ? 1 : 0;
        r.Position -= isDefinition ? 1 : 0;
        r.Position -= 2;
        r.SkipForm();
        var end = r.TokenAt(r.Position - 1).End;
        return new ScriptModule(ScriptModuleKind.Text, open.Line, open.Column)
            { Name = name, IsDefinition = isDefinition, Source = r.Source[open.Start..end] };
    }

    private static bool IsValidUtf8(List<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static ScriptAction ParseAction(TokenReader r)
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var isInvoke = r.AtKeyword("invoke");
        if (!isInvoke && !r.AtKeyword("get")) throw r.Unexpected();
        r.Next();
        var module = r.TryId();
        var field = r.ReadName();
        var arguments = new List<ScriptValue>();
        while (r.AtLeftParen) arguments.Add(ParseConstant(r));
        r.ExpectRightParen();
        return new ScriptAction(isInvoke, module, field, arguments.ToArray(), open.Line, open.Column);
    }

    /// <summary>A constant argument: <c>(i32.const n)</c> ... <c>(v128.const shape lanes)</c>, <c>(ref.null ht)</c>, <c>(ref.extern n)</c>.</summary>
    private static ScriptValue ParseConstant(TokenReader r)
    {
        r.ExpectLeftParen();
        var token = r.Next();
        ScriptValue value;
        switch (r.TextString(token))
        {
            case "i32.const": value = new ScriptValue(ValueType.I32) { Bits = Literals.ReadInt(r, 32) & 0xFFFF_FFFF }; break;
            case "i64.const": value = new ScriptValue(ValueType.I64) { Bits = Literals.ReadInt(r, 64) }; break;
            case "f32.const": value = new ScriptValue(ValueType.F32) { Bits = Literals.ReadF32(r) }; break;
            case "f64.const": value = new ScriptValue(ValueType.F64) { Bits = Literals.ReadF64(r) }; break;
            case "v128.const": value = new ScriptValue(ValueType.V128) { Lanes = Literals.ReadV128(r) }; break;
            case "ref.null":
            {
                var heap = ReadHeapType(r);
                value = new ScriptValue(ValueType.Ref(heap, true)) { IsNull = true };
                break;
            }
            case "ref.extern":
                value = new ScriptValue(ValueType.ExternRef) { HostReference = r.ReadU32() };
                break;
            // A host value inside the any hierarchy (what any.convert_extern makes of an extern).
            case "ref.host":
                value = new ScriptValue(ValueType.Ref(HeapType.Any, true)) { HostReference = r.ReadU32() };
                break;
            default: throw r.Error(token, "unknown operator");
        }
        r.ExpectRightParen();
        return value;
    }

    private static HeapType ReadHeapType(TokenReader r)
    {
        if (r.AtRightParen) return HeapType.Any;
        var token = r.Next();
        return r.TextString(token) switch
        {
            "func" => HeapType.Func,
            "extern" => HeapType.Extern,
            "any" => HeapType.Any,
            "eq" => HeapType.Eq,
            "i31" => HeapType.I31,
            "struct" => HeapType.Struct,
            "array" => HeapType.Array,
            "exn" => HeapType.Exn,
            "noexn" => HeapType.NoExn,
            "nofunc" => HeapType.NoFunc,
            "noextern" => HeapType.NoExtern,
            "none" => HeapType.None,
            _ when token.Kind == TokenKind.Number && NumberParser.ParseNat(r.Text(token), int.MaxValue, out var index) == NumberParser.Status.Ok
                => new HeapType((int)index),
            _ => throw r.Unexpected(token),
        };
    }

    private static ScriptResult ParseResult(TokenReader r)
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var token = r.Next();
        var name = r.TextString(token);
        ScriptResult result;
        switch (name)
        {
            case "i32.const": case "i64.const": case "ref.null": case "v128.const":
                if (name == "v128.const")
                {
                    result = ParseV128Result(r);
                    break;
                }
                r.Position -= 2;
                var value = ParseConstant(r);
                return value.IsNull
                    ? new ScriptResult(ScriptResultKind.RefNull, value.Type) { Heap = value.Type.Heap }
                    : new ScriptResult(ScriptResultKind.Exact, value.Type) { Value = value };
            case "f32.const": case "f64.const":
            {
                var type = name == "f32.const" ? ValueType.F32 : ValueType.F64;
                result = ParseFloatPattern(r, type, name == "f32.const" ? 4 : 8);
                break;
            }
            case "ref.func":
                if (!r.AtRightParen) r.Next();
                result = new ScriptResult(ScriptResultKind.RefFunc, ValueType.FuncRef) { Heap = HeapType.Func };
                break;
            case "ref.extern":
                result = r.AtRightParen
                    ? new ScriptResult(ScriptResultKind.RefExtern, ValueType.ExternRef) { Heap = HeapType.Extern }
                    : new ScriptResult(ScriptResultKind.Exact, ValueType.ExternRef) { Value = new ScriptValue(ValueType.ExternRef) { HostReference = r.ReadU32() } };
                break;
            case "ref.host":
                result = r.AtRightParen
                    ? new ScriptResult(ScriptResultKind.RefOfHeapType, ValueType.Ref(HeapType.Any, false)) { Heap = HeapType.Any }
                    : new ScriptResult(ScriptResultKind.Exact, ValueType.ExternRef) { Value = new ScriptValue(ValueType.ExternRef) { HostReference = r.ReadU32() } };
                break;
            case "ref.any": case "ref.eq": case "ref.struct": case "ref.array": case "ref.i31": case "ref.exn":
            {
                var heap = name switch
                {
                    "ref.any" => HeapType.Any,
                    "ref.eq" => HeapType.Eq,
                    "ref.struct" => HeapType.Struct,
                    "ref.array" => HeapType.Array,
                    "ref.i31" => HeapType.I31,
                    _ => HeapType.Exn,
                };
                result = new ScriptResult(ScriptResultKind.RefOfHeapType, ValueType.Ref(heap, false)) { Heap = heap };
                break;
            }
            case "either":
            {
                var alternatives = new List<ScriptResult>();
                while (r.AtLeftParen) alternatives.Add(ParseResult(r));
                result = new ScriptResult(ScriptResultKind.Either, alternatives.Count > 0 ? alternatives[0].Type : ValueType.I32)
                    { Alternatives = alternatives.ToArray() };
                break;
            }
            default:
                throw r.Error(token, "unknown operator");
        }
        _ = open;
        r.ExpectRightParen();
        return result;
    }

    /// <summary>A float result: a literal, <c>nan:canonical</c> or <c>nan:arithmetic</c>.</summary>
    private static ScriptResult ParseFloatPattern(TokenReader r, ValueType type, int width)
    {
        if (r.AtKeyword("nan:canonical")) { r.Next(); return new ScriptResult(ScriptResultKind.CanonicalNan, type); }
        if (r.AtKeyword("nan:arithmetic")) { r.Next(); return new ScriptResult(ScriptResultKind.ArithmeticNan, type); }
        var bits = width == 4 ? Literals.ReadF32(r) : Literals.ReadF64(r);
        return new ScriptResult(ScriptResultKind.Exact, type) { Value = new ScriptValue(type) { Bits = bits } };
    }

    private static ScriptResult ParseV128Result(TokenReader r)
    {
        var shape = Literals.ReadShape(r);
        var lanes = new ScriptResult[shape.Lanes];
        var bytes = new byte[16];
        var hasPattern = false;
        var laneType = shape.IsFloat ? (shape.Width == 4 ? ValueType.F32 : ValueType.F64) : (shape.Width == 8 ? ValueType.I64 : ValueType.I32);
        for (var i = 0; i < shape.Lanes; i++)
        {
            ulong bits;
            if (shape.IsFloat)
            {
                lanes[i] = ParseFloatPattern(r, laneType, shape.Width);
                hasPattern |= lanes[i].Kind != ScriptResultKind.Exact;
                bits = lanes[i].Value?.Bits ?? 0;
            }
            else
            {
                bits = Literals.ReadLane(r, shape);
                lanes[i] = new ScriptResult(ScriptResultKind.Exact, laneType) { Value = new ScriptValue(laneType) { Bits = bits } };
            }
            for (var b = 0; b < shape.Width; b++) bytes[i * shape.Width + b] = (byte)(bits >> (8 * b));
        }
        return new ScriptResult(ScriptResultKind.Exact, ValueType.V128)
        {
            Value = new ScriptValue(ValueType.V128) { Lanes = bytes },
            LanePatterns = hasPattern ? lanes : null,
        };
    }
}
