using Heron.Text;

namespace Heron.Components.Text;

internal sealed partial class ComponentParser
{
    /// <summary>
    /// The built-ins that define a core function, by name: their opcode and the immediates that follow, one
    /// letter each — t a type index, o canonical options, a/c/s an optional async/cancellable/shared flag,
    /// m a <c>(memory ...)</c>, v a core value type and an index, r an optional <c>(result t)</c>,
    /// y a core type, b a core table.
    /// </summary>
    private static readonly Dictionary<string, (byte Opcode, string Immediates)> Builtins = new(StringComparer.Ordinal)
    {
        ["resource.new"] = (0x02, "t"),
        ["resource.drop"] = (0x03, "t"),
        ["resource.rep"] = (0x04, "t"),
        ["task.cancel"] = (0x05, ""),
        ["subtask.cancel"] = (0x06, "a"),
        ["task.return"] = (0x09, "ro"),
        ["context.get"] = (0x0a, "v"),
        ["context.set"] = (0x0b, "v"),
        ["thread.yield"] = (0x0c, "c"),
        ["subtask.drop"] = (0x0d, ""),
        ["stream.new"] = (0x0e, "t"),
        ["stream.read"] = (0x0f, "to"),
        ["stream.write"] = (0x10, "to"),
        ["stream.cancel-read"] = (0x11, "ta"),
        ["stream.cancel-write"] = (0x12, "ta"),
        ["stream.drop-readable"] = (0x13, "t"),
        ["stream.drop-writable"] = (0x14, "t"),
        ["future.new"] = (0x15, "t"),
        ["future.read"] = (0x16, "to"),
        ["future.write"] = (0x17, "to"),
        ["future.cancel-read"] = (0x18, "ta"),
        ["future.cancel-write"] = (0x19, "ta"),
        ["future.drop-readable"] = (0x1a, "t"),
        ["future.drop-writable"] = (0x1b, "t"),
        ["error-context.new"] = (0x1c, "o"),
        ["error-context.debug-message"] = (0x1d, "o"),
        ["error-context.drop"] = (0x1e, ""),
        ["waitable-set.new"] = (0x1f, ""),
        ["waitable-set.wait"] = (0x20, "cm"),
        ["waitable-set.poll"] = (0x21, "cm"),
        ["waitable-set.drop"] = (0x22, ""),
        ["waitable.join"] = (0x23, ""),
        ["backpressure.inc"] = (0x24, ""),
        ["backpressure.dec"] = (0x25, ""),
        ["thread.index"] = (0x26, ""),
        ["thread.new-indirect"] = (0x27, "yb"),
        ["thread.resume-later"] = (0x28, ""),
        ["thread.suspend"] = (0x29, "c"),
        ["thread.suspend-then-resume"] = (0x2a, "c"),
        ["thread.yield-then-resume"] = (0x2b, "c"),
        ["thread.suspend-then-promote"] = (0x2c, "c"),
        ["thread.yield-then-promote"] = (0x2d, "c"),
        ["thread.spawn-ref"] = (0x40, "sy"),
        ["thread.spawn-indirect"] = (0x41, "syb"),
        ["thread.available-parallelism"] = (0x42, "s"),
    };

    /// <summary><c>(canon lift ...)</c>, <c>(canon lower ...)</c> or a built-in, each naming what it defines last.</summary>
    private void ParseCanon(Token open)
    {
        var operation = r.Current;
        if (operation.Kind != TokenKind.Keyword) throw r.Error(operation, "expected a canonical definition");
        var name = r.TextString(operation);
        r.Next();
        if (name == "lift")
        {
            var coreFunc = ReadCoreReference(Space.CoreFunc);
            var options = ReadCanonOptions();
            var funcOpen = r.Current;
            r.ExpectLeftParen();
            r.ExpectKeyword("func");
            var id = r.TryId();
            var type = ReadFuncTypeUse(funcOpen);
            ExpectClose(funcOpen);
            ExpectClose(open);
            scope.Emit(DefinitionKind.Canon, EncodeLift(coreFunc, options, type));
            scope[Space.Func].Add(id, funcOpen);
            return;
        }
        var w = new ByteWriter();
        WriteCoreFuncBuiltin(name, operation, w);
        var coreOpen = r.Current;
        if (!r.AtForm("core")) throw r.Error(coreOpen, "expected (core func)");
        r.Position += 2;
        r.ExpectKeyword("func");
        var coreId = r.TryId();
        ExpectClose(coreOpen);
        ExpectClose(open);
        scope.Emit(DefinitionKind.Canon, w.ToArray());
        scope[Space.CoreFunc].Add(coreId, coreOpen);
    }

    /// <summary>After <c>(func $f? typeuse (canon lift</c>: the core function and the options.</summary>
    private byte[] ReadLiftBody(uint type)
    {
        var coreFunc = ReadCoreReference(Space.CoreFunc);
        var options = ReadCanonOptions();
        return EncodeLift(coreFunc, options, type);
    }

    private static byte[] EncodeLift(uint coreFunc, ByteWriter options, uint type)
    {
        var w = new ByteWriter();
        w.Byte(0x00);
        w.Byte(0x00);
        w.U32(coreFunc);
        w.Bytes(options);
        w.U32(type);
        return w.ToArray();
    }

    /// <summary><c>(core func $id? (canon ...))</c> or <c>(core func $id? (alias core export ...))</c>, after <c>func</c>.</summary>
    private void ParseCoreFunc(Token open)
    {
        var id = r.TryId();
        if (r.AtForm("alias"))
        {
            ParseInlineAlias(open, Space.CoreFunc, id, []);
            return;
        }
        var canonOpen = r.Current;
        if (!r.AtForm("canon")) throw r.Error(canonOpen, "expected (canon ...) or (alias ...)");
        r.Position += 2;
        var operation = r.Current;
        if (operation.Kind != TokenKind.Keyword) throw r.Error(operation, "expected a canonical definition");
        var name = r.TextString(operation);
        r.Next();
        var w = new ByteWriter();
        WriteCoreFuncBuiltin(name, operation, w);
        ExpectClose(canonOpen);
        ExpectClose(open);
        scope.Emit(DefinitionKind.Canon, w.ToArray());
        scope[Space.CoreFunc].Add(id, open);
    }

    /// <summary><c>(core memory $id? (alias core export $i "m"))</c> and the like for the other core sorts.</summary>
    private void ParseCoreItemAlias(Token open, Space space)
    {
        var id = r.TryId();
        if (!r.AtForm("alias")) throw r.Error(r.Current, "expected (alias ...)");
        ParseInlineAlias(open, space, id, []);
    }

    /// <summary>A canonical definition that defines a core function: <c>lower</c> or a built-in, with its immediates.</summary>
    private void WriteCoreFuncBuiltin(string name, Token operation, ByteWriter w)
    {
        if (name == "lower")
        {
            var func = ReadReference(Space.Func);
            var options = ReadCanonOptions();
            w.Byte(0x01);
            w.Byte(0x00);
            w.U32(func);
            w.Bytes(options);
            return;
        }
        if (!Builtins.TryGetValue(name, out var builtin)) throw r.Error(operation, $"unknown canonical definition {name}");
        w.Byte(builtin.Opcode);
        foreach (var immediate in builtin.Immediates)
        {
            switch (immediate)
            {
                case 't': w.U32(ReadReference(Space.Type)); break;
                case 'o': w.Bytes(ReadCanonOptions()); break;
                case 'a': w.Byte(ReadFlag("async")); break;
                case 'c': w.Byte(ReadFlag("cancellable")); break;
                case 's': w.Byte(ReadFlag("shared")); break;
                case 'y': w.U32(ReadCoreReference(Space.CoreType)); break;
                case 'b': w.U32(ReadCoreReference(Space.CoreTable)); break;
                case 'm':
                {
                    var memoryOpen = r.Current;
                    if (!r.AtForm("memory")) throw r.Error(memoryOpen, "expected (memory ...)");
                    r.Position += 2;
                    w.U32(ReadCoreReference(Space.CoreMemory));
                    ExpectClose(memoryOpen);
                    break;
                }
                case 'v':
                {
                    var type = r.Current;
                    if (r.AtKeyword("i32")) w.Byte(0x7f);
                    else if (r.AtKeyword("i64")) w.Byte(0x7e);
                    else throw r.Error(type, "expected i32 or i64");
                    r.Next();
                    w.U32(r.ReadU32());
                    break;
                }
                case 'r':
                    if (r.AtForm("result"))
                    {
                        var resultOpen = r.Current;
                        r.Position += 2;
                        w.Byte(0x00);
                        WriteValType(w);
                        ExpectClose(resultOpen);
                    }
                    else
                    {
                        w.Byte(0x01);
                        w.Byte(0x00);
                    }
                    break;
            }
        }
    }

    private byte ReadFlag(string keyword)
    {
        if (!r.AtKeyword(keyword)) return 0x00;
        r.Next();
        return 0x01;
    }

    /// <summary>The canonical options, as the vector that encodes them.</summary>
    private ByteWriter ReadCanonOptions()
    {
        var options = new ByteWriter();
        var count = 0u;
        while (true)
        {
            var token = r.Current;
            if (token.Kind == TokenKind.Keyword)
            {
                switch (r.TextString(token))
                {
                    case "string-encoding=utf8": options.Byte(0x00); break;
                    case "string-encoding=utf16": options.Byte(0x01); break;
                    case "string-encoding=latin1+utf16": options.Byte(0x02); break;
                    case "async": options.Byte(0x06); break;
                    case "gc": options.Byte(0x09); break;
                    default: throw r.Error(token, "unknown canonical option");
                }
                r.Next();
                count++;
                continue;
            }
            if (!r.AtLeftParen) break;
            var keyword = r.Peek();
            var word = keyword.Kind == TokenKind.Keyword ? r.TextString(keyword) : "";
            var (code, space) = word switch
            {
                "memory" => ((byte)0x03, Space.CoreMemory),
                "realloc" => ((byte)0x04, Space.CoreFunc),
                "post-return" => ((byte)0x05, Space.CoreFunc),
                "callback" => ((byte)0x07, Space.CoreFunc),
                "core-type" => ((byte)0x08, Space.CoreType),
                _ => ((byte)0, Space.CoreFunc),
            };
            if (code == 0) break;
            r.Position += 2;
            var index = ReadCoreReference(space);
            ExpectClose(token);
            options.Byte(code);
            options.U32(index);
            count++;
        }
        var w = new ByteWriter();
        w.U32(count);
        w.Bytes(options);
        return w;
    }
}
