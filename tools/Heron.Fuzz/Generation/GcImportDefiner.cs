using System.Text;
using System.Text.RegularExpressions;

namespace Heron.Fuzz.Generation;

/// <summary>
/// Turns the imports of binaryen's GC modules that Wasmtime's .NET API cannot take (it aborts the process on
/// any reference type but nullable funcref and externref in an import) into definitions, on binaryen's text
/// before binaryen assembles it again (binaryen then renumbers every index, which the binary could not do
/// without rewriting all code):
/// <list type="bullet">
/// <item><c>fuzzing-support.log-anyref</c> becomes a function that classifies its argument and passes the
/// class to a new import <c>fuzzing-support.log-anyref-kind (param i32 i32)</c>: 0 null, 1 i31 (with its
/// signed value), 2 struct, 3 array (with its length), 4 anything else. So what reaches the host stays
/// compared, as far as numbers can tell it.</item>
/// <item><c>fuzzing-support.log-externref</c> likewise (through <c>any.convert_extern</c>), to
/// <c>log-externref-kind</c>: Wasmtime's .NET API shows an externref made from a GC value
/// (<c>extern.convert_any</c>) as null, so the host cannot tell its null-ness.</item>
/// <item>A global import of the non-null <c>(ref extern)</c> (binaryen's <c>__fuzz_import.extern$…</c>)
/// becomes an immutable global holding an internalised i31 (its position among these, plus one): both
/// engines then see the same non-null reference.</item>
/// </list>
/// Other imports are left alone; a module still importing what Wasmtime cannot take is skipped as before.
/// </summary>
internal static partial class GcImportDefiner
{
    [GeneratedRegex("""^ \(import "fuzzing-support" "log-(anyref|externref)" \(func (\$\S+)( \(type \$[^)\s]+\))? \(param (anyref|externref)\)\)\)$""")]
    private static partial Regex LogReference();

    [GeneratedRegex("""^ \(import "[^"]*" "[^"]*" \(global (\$\S+) \(ref extern\)\)\)$""")]
    private static partial Regex NonNullExternGlobal();

    public static string Rewrite(string wat)
    {
        var lines = wat.Split('\n').ToList();
        var functions = new List<string>();
        var globals = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (LogReference().Match(line) is { Success: true } log && log.Groups[1].Value == log.Groups[4].Value)
            {
                var type = log.Groups[1].Value;
                var name = log.Groups[2].Value;
                var kind = $"{name}$kind";
                lines[i] = $" (import \"fuzzing-support\" \"log-{type}-kind\" (func {kind} (param i32 i32)))";
                functions.Add(LoggingFunction(name, log.Groups[3].Value, type, kind));
            }
            else if (NonNullExternGlobal().Match(line) is { Success: true } global)
            {
                lines.RemoveAt(i--);
                globals.Add($" (global {global.Groups[1].Value} (ref extern) (extern.convert_any (ref.i31 (i32.const {globals.Count + 1}))))");
            }
        }
        if (functions.Count == 0 && globals.Count == 0) return wat;

        // Defined globals go after the last import (the text format wants imports first), before any global
        // whose initialiser could read them; functions may go anywhere, so they close the module.
        var afterImports = lines.FindLastIndex(l => l.StartsWith(" (import ", StringComparison.Ordinal)) + 1;
        if (afterImports == 0) afterImports = lines.FindIndex(l => l.StartsWith(" (", StringComparison.Ordinal) && !IsTypeLine(l));
        lines.InsertRange(afterImports, globals);
        var close = lines.FindLastIndex(l => l.TrimEnd('\r') == ")");
        lines.InsertRange(close, functions);
        return string.Join('\n', lines);
    }

    private static bool IsTypeLine(string line) => line.StartsWith(" (type ", StringComparison.Ordinal) || line.StartsWith(" (rec", StringComparison.Ordinal);

    private static string LoggingFunction(string name, string typeUse, string type, string kind)
    {
        var text = new StringBuilder();
        text.Append($" (func {name}{typeUse} (param $p {type}) (local $r anyref)\n");
        text.Append(type == "anyref" ? "  (local.set $r (local.get $p))\n" : "  (local.set $r (any.convert_extern (local.get $p)))\n");
        text.Append($"  (call {kind}\n");
        text.Append("   (if (result i32) (ref.is_null (local.get $r)) (then (i32.const 0))\n");
        text.Append("    (else (if (result i32) (ref.test (ref i31) (local.get $r)) (then (i32.const 1))\n");
        text.Append("     (else (if (result i32) (ref.test (ref struct) (local.get $r)) (then (i32.const 2))\n");
        text.Append("      (else (if (result i32) (ref.test (ref array) (local.get $r)) (then (i32.const 3)) (else (i32.const 4)))))))))\n");
        text.Append("   (if (result i32) (ref.test (ref i31) (local.get $r)) (then (i31.get_s (ref.cast (ref i31) (local.get $r))))\n");
        text.Append("    (else (if (result i32) (ref.test (ref array) (local.get $r)) (then (array.len (ref.cast (ref array) (local.get $r)))) (else (i32.const 0)))))))");
        return text.ToString();
    }
}
