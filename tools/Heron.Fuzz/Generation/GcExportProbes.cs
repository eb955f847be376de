using System.Text;
using System.Text.RegularExpressions;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Gives each exported global of a reference type Wasmtime's .NET API cannot read (a struct, an array, an i31,
/// anyref, a typed function reference, exnref...) a probe, on binaryen's text: an exported function
/// <c>heron-probe-NAME</c> returning two i32s, the global's kind and a detail (as <see cref="GcImportDefiner"/>
/// logs references: 0 null, 1 i31 with its value, 2 struct, 3 array with its length, 4 other under any;
/// 5 a non-null function or exception reference). The global's own export is stripped later (its type cannot
/// cross), and the probes are exported last, so the campaign calls them after every other export: the final
/// state of GC-typed globals is compared.
/// </summary>
internal static partial class GcExportProbes
{
    [GeneratedRegex("""^ \(export "([^"]*)" \(global (\$\S+)\)\)$""")]
    private static partial Regex GlobalExport();

    [GeneratedRegex("""^\(ref (null )?(\S+)\)$""")]
    private static partial Regex RefType();

    private static readonly Dictionary<string, string> Abbreviations = new()
    {
        ["anyref"] = "any", ["eqref"] = "eq", ["i31ref"] = "i31", ["structref"] = "struct", ["arrayref"] = "array",
        ["nullref"] = "none", ["funcref"] = "func", ["nullfuncref"] = "nofunc", ["externref"] = "extern",
        ["nullexternref"] = "noextern", ["exnref"] = "exn", ["nullexnref"] = "noexn",
    };

    public static string Add(string wat)
    {
        var lines = wat.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var probes = new StringBuilder();
        var exports = new StringBuilder();
        var count = 0;
        foreach (var line in lines)
        {
            if (GlobalExport().Match(line) is not { Success: true } export) continue;
            var global = export.Groups[2].Value;
            var type = GlobalType(lines, global);
            var read = type == null ? null : Reader(lines, type, $"(global.get {global})");
            if (read == null) continue;
            var name = $"$heron$probe{count++}";
            probes.Append($" (func {name} (result i32 i32)\n  {read})\n");
            exports.Append($" (export \"heron-probe-{export.Groups[1].Value}\" (func {name}))\n");
        }
        if (count == 0) return wat;
        var close = lines.FindLastIndex(l => l == ")");
        lines.Insert(close, probes.ToString() + Classifier + exports.ToString().TrimEnd('\n'));
        return string.Join('\n', lines);
    }

    /// <summary>The global's value type as binaryen prints it (a token or one parenthesised type), or null.</summary>
    private static string? GlobalType(List<string> lines, string global)
    {
        var prefix = $" (global {global} ";
        var line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line == null) return null;
        var type = Expression(line, prefix.Length);
        if (type.StartsWith("(mut ", StringComparison.Ordinal)) type = Expression(type, 5);
        return type;
    }

    /// <summary>The token or balanced parenthesised expression starting at <paramref name="at"/>.</summary>
    private static string Expression(string text, int at)
    {
        if (text[at] != '(') return text[at..].Split(' ', ')')[0];
        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return text[at..(i + 1)];
        }
        return text[at..];
    }

    /// <summary>Code leaving the (kind, detail) pair of <paramref name="value"/> of <paramref name="type"/>; null for a type not probed.</summary>
    private static string? Reader(List<string> lines, string type, string value)
    {
        string heap;
        if (Abbreviations.TryGetValue(type, out var abbreviated)) heap = abbreviated;
        else if (RefType().Match(type) is { Success: true } reference) heap = reference.Groups[2].Value;
        else return null;
        switch (heap)
        {
            case "any" or "eq" or "i31" or "struct" or "array" or "none":
                return $"(call $heron$classify {value})";
            case "extern" or "noextern":
                return $"(call $heron$classify (any.convert_extern {value}))";
            case "func" or "nofunc" or "exn" or "noexn":
                return NullOrNot(value);
        }
        if (!heap.StartsWith('$')) return null;
        var definition = lines.FirstOrDefault(l => l.TrimStart().StartsWith($"(type {heap} ", StringComparison.Ordinal));
        if (definition == null) return null;
        int Where(string kind) => definition.IndexOf(kind, StringComparison.Ordinal) is var i and >= 0 ? i : int.MaxValue;
        var function = Math.Min(Where("(func ") , Where("(func)"));
        var data = Math.Min(Where("(struct"), Where("(array"));
        if (function == int.MaxValue && data == int.MaxValue) return null;
        return data < function ? $"(call $heron$classify {value})" : NullOrNot(value);
    }

    private static string NullOrNot(string value) => $"(if (result i32 i32) (ref.is_null {value}) (then (i32.const 0) (i32.const 0)) (else (i32.const 5) (i32.const 0)))";

    private const string Classifier = """
         (func $heron$classify (param $r anyref) (result i32 i32)
          (if (ref.is_null (local.get $r)) (then (return (i32.const 0) (i32.const 0))))
          (if (ref.test (ref i31) (local.get $r)) (then (return (i32.const 1) (i31.get_s (ref.cast (ref i31) (local.get $r))))))
          (if (ref.test (ref struct) (local.get $r)) (then (return (i32.const 2) (i32.const 0))))
          (if (ref.test (ref array) (local.get $r)) (then (return (i32.const 3) (array.len (ref.cast (ref array) (local.get $r))))))
          (i32.const 4) (i32.const 0))

        """;
}
