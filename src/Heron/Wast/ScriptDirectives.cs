using System.Text.RegularExpressions;

namespace Heron.Wast;

/// <summary>
/// The configuration lines Wasmtime's scripts open with (<c>;;! memory64 = true</c>): the features a
/// script turns on or off, and the ones Heron cannot honour, for which the script is skipped with the
/// reason rather than run with the wrong configuration.
/// </summary>
internal sealed partial class ScriptDirectives
{
    /// <summary>Directives that describe the test rather than the engine: nothing to configure.</summary>
    private static readonly HashSet<string> Informational = new(StringComparer.Ordinal) { "hogs_memory", "branch_hinting" };

    /// <summary>Wasmtime's names for features whose Heron name is not the name in PascalCase.</summary>
    private static readonly Dictionary<string, WasmFeatures> Aliases = new(StringComparer.Ordinal)
    {
        ["gc_types"] = WasmFeatures.Gc,
    };

    public WasmFeatures Enabled { get; private set; }

    /// <summary>
    /// The script has <c>;;!</c> lines, so it is one of Wasmtime's, written for the text syntax of Wasmtime's
    /// parser, which also takes plain instructions as the operands of a folded one (<c>(ref.i31 local.get 0)</c>).
    /// </summary>
    public bool WasmtimeScript { get; private set; }
    public WasmFeatures Disabled { get; private set; }

    /// <summary>Why the script cannot run as its author meant, or null when it can.</summary>
    public string? Unsupported { get; private set; }

    /// <summary>Reads the <c>;;!</c> lines at the head of <paramref name="text"/> (before its first command).</summary>
    public static ScriptDirectives Parse(string text)
    {
        var directives = new ScriptDirectives();
        var unsupported = new List<string>();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (!line.StartsWith(";;")) break;
            var match = Directive().Match(line.ToString());
            if (!match.Success) continue;
            directives.WasmtimeScript = true;
            var (name, value) = (match.Groups[1].Value, match.Groups[2].Value);
            var on = value is "true" or "yes" or "y";
            if (Informational.Contains(name)) continue;
            if (Feature(name) is { } feature)
            {
                if (on) directives.Enabled |= feature;
                else directives.Disabled |= feature;
            }
            else if (on) unsupported.Add(name);
        }
        if (unsupported.Count > 0)
            directives.Unsupported = "needs " + string.Join(", ", unsupported) + ", which Heron does not implement";
        return directives;
    }

    /// <summary>The features a script runs with, starting from <paramref name="baseline"/>.</summary>
    public WasmFeatures Apply(WasmFeatures baseline) => (baseline | Enabled) & ~Disabled;

    private static WasmFeatures? Feature(string name)
    {
        if (Aliases.TryGetValue(name, out var alias)) return alias;
        var pascal = string.Concat(name.Split('_').Select(part => part.Length == 0 ? "" : char.ToUpperInvariant(part[0]) + part[1..]));
        return Enum.TryParse<WasmFeatures>(pascal, ignoreCase: false, out var feature) && Enum.IsDefined(feature) ? feature : null;
    }

    [GeneratedRegex(@"^;;!\s*([a-z0-9_]+)\s*=\s*([a-z0-9_]+)\s*$")]
    private static partial Regex Directive();
}
