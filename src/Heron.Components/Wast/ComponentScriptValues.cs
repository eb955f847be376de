using System.Text;
using Heron.Text;

namespace Heron.Components.Wast;

/// <summary>
/// Reads the component values of a script (<c>(u32.const 5)</c>, <c>(str.const "s")</c>,
/// <c>(record.const (field "a" u32.const 1))</c>, <c>(option.some ...)</c>, ...) into <see cref="ComponentValue"/>s.
/// </summary>
internal static class ComponentScriptValues
{
    /// <summary>A parenthesized value.</summary>
    public static ComponentValue Read(TokenReader r)
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var value = ReadBody(r, open);
        if (!r.AtRightParen) throw r.Error(r.Current, "unexpected token in a value");
        r.Next();
        return value;
    }

    /// <summary>A value's keyword and arguments, without the parentheses (a record field holds one so).</summary>
    private static ComponentValue ReadBody(TokenReader r, Token open)
    {
        var keyword = r.Current;
        if (keyword.Kind != TokenKind.Keyword) throw r.Error(keyword, "expected a value");
        var word = r.TextString(keyword);
        r.Next();
        switch (word)
        {
            case "bool.const":
                if (r.AtKeyword("true")) { r.Next(); return ComponentValue.Bool(true); }
                r.ExpectKeyword("false");
                return ComponentValue.Bool(false);
            case "s8.const": return ComponentValue.S8((sbyte)Literals.ReadInt(r, 8));
            case "u8.const": return ComponentValue.U8((byte)Literals.ReadInt(r, 8));
            case "s16.const": return ComponentValue.S16((short)Literals.ReadInt(r, 16));
            case "u16.const": return ComponentValue.U16((ushort)Literals.ReadInt(r, 16));
            case "s32.const": return ComponentValue.S32((int)Literals.ReadInt(r, 32));
            case "u32.const": return ComponentValue.U32((uint)Literals.ReadInt(r, 32));
            case "s64.const": return ComponentValue.S64((long)Literals.ReadInt(r, 64));
            case "u64.const": return ComponentValue.U64(Literals.ReadInt(r, 64));
            case "f32.const": return ComponentValue.F32(BitConverter.Int32BitsToSingle((int)Literals.ReadF32(r)));
            case "f64.const": return ComponentValue.F64(BitConverter.Int64BitsToDouble((long)Literals.ReadF64(r)));
            case "char.const":
            {
                var text = r.ReadName();
                if (Rune.DecodeFromUtf16(text, out var rune, out var used) != System.Buffers.OperationStatus.Done || used != text.Length)
                    throw r.Error(keyword, "a char.const holds one character");
                return ComponentValue.Char(rune);
            }
            case "str.const": return ComponentValue.String(r.ReadName());
            case "list.const": return ComponentValue.List(ReadValues(r));
            case "tuple.const": return ComponentValue.Tuple(ReadValues(r));
            case "record.const":
            {
                var fields = new List<(string, ComponentValue)>();
                while (r.AtForm("field"))
                {
                    var fieldOpen = r.Current;
                    r.Position += 2;
                    var name = r.ReadName();
                    var value = r.AtLeftParen ? Read(r) : ReadBody(r, fieldOpen);
                    r.ExpectRightParen();
                    fields.Add((name, value));
                }
                return ComponentValue.Record(fields);
            }
            case "variant.const":
            {
                var label = r.ReadName();
                return ComponentValue.Variant(label, r.AtLeftParen ? Read(r) : null);
            }
            case "enum.const": return ComponentValue.Enum(r.ReadName());
            case "flags.const":
            {
                var set = new List<string>();
                while (r.Current.Kind == TokenKind.String) set.Add(r.ReadName());
                return ComponentValue.Flags(set);
            }
            case "option.none": return ComponentValue.None;
            case "option.some": return ComponentValue.Some(Read(r));
            case "result.ok": return ComponentValue.Ok(r.AtLeftParen ? Read(r) : null);
            case "result.err": return ComponentValue.Error(r.AtLeftParen ? Read(r) : null);
            default: throw r.Error(open, $"unknown value {word}");
        }
    }

    private static List<ComponentValue> ReadValues(TokenReader r)
    {
        var values = new List<ComponentValue>();
        while (r.AtLeftParen) values.Add(Read(r));
        return values;
    }
}
