using System.Collections.Generic;
using System.Text;

namespace Heron.Bindgen.Emit;

/// <summary>WIT's kebab-case names in C#: PascalCase for types and members, camelCase for parameters, keywords escaped.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    ];

    /// <summary><c>kv-store</c> → <c>KvStore</c>, <c>parse-XML</c> → <c>ParseXml</c>.</summary>
    public static string Pascal(string kebab)
    {
        var text = new StringBuilder(kebab.Length);
        foreach (var word in kebab.Split('-'))
        {
            if (word.Length == 0) continue;
            text.Append(char.ToUpperInvariant(word[0]));
            text.Append(word.Substring(1).ToLowerInvariant());
        }
        return text.ToString();
    }

    /// <summary><c>max-size</c> → <c>maxSize</c>; a C# keyword gets '@' (<c>@in</c>).</summary>
    public static string Camel(string kebab)
    {
        var pascal = Pascal(kebab);
        var camel = pascal.Length == 0 ? "value" : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>Text for inside a C# string literal.</summary>
    public static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Text for inside an XML documentation comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

/// <summary>
/// Hands out member names that are unique within one C# type: a name already taken (by a member, a type, or
/// the enclosing type itself) gets the suffix the caller gives, then a number.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    public NameScope(params string[] reserved)
    {
        foreach (var name in reserved) _taken.Add(name);
    }

    public string Claim(string wanted, string suffix)
    {
        var name = wanted;
        if (_taken.Contains(name)) name = wanted + suffix;
        for (var n = 2; _taken.Contains(name); n++) name = wanted + suffix + n;
        _taken.Add(name);
        return name;
    }

    public bool IsTaken(string name) => _taken.Contains(name);
}
