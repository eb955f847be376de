using Heron.Model;

namespace Heron.Text;

/// <summary>
/// Turns the name section's names into text-format <c>$ids</c>. A name becomes an id only when every
/// character is an id character and no earlier item of the same index space took it: the name section
/// allows any string and duplicates, the text format neither, and a bad or repeated id would make the
/// printed module mean something else (or nothing). Items without an id are referred to by index.
/// </summary>
internal sealed class NameResolver
{
    private readonly string?[] functions;
    private readonly Dictionary<int, Dictionary<int, string>> localNames;

    public NameResolver(WasmModule module)
    {
        var names = module.Names ?? new NameSection();
        ModuleId = names.ModuleName is { } moduleName && IsValidId(moduleName) ? "$" + moduleName : null;
        functions = new string?[module.FunctionCount];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < functions.Length; i++)
        {
            if (names.FunctionNames.TryGetValue(i, out var name) && IsValidId(name) && taken.Add(name)) functions[i] = "$" + name;
        }
        localNames = names.LocalNames;
    }

    /// <summary>The module's id, or null.</summary>
    public string? ModuleId { get; }

    /// <summary>The id of function <paramref name="index"/>, or null when it has none (or the index is out of range).</summary>
    public string? Function(long index) => (ulong)index < (ulong)functions.Length ? functions[index] : null;

    /// <summary>
    /// The ids of the locals (parameters first) of function <paramref name="functionIndex"/>, which has
    /// <paramref name="localCount"/> of them; null when none is named.
    /// </summary>
    public string?[]? Locals(int functionIndex, long localCount)
    {
        if (!localNames.TryGetValue(functionIndex, out var names) || names.Count == 0) return null;
        // An absurd local count (an invalid module) keeps the names it can and leaves the rest numeric.
        var ids = new string?[(int)Math.Min(localCount, 1 << 20)];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        for (var i = 0; i < ids.Length; i++)
        {
            if (names.TryGetValue(i, out var name) && IsValidId(name) && taken.Add(name))
            {
                ids[i] = "$" + name;
                any = true;
            }
        }
        return any ? ids : null;
    }

    /// <summary>True when <c>$</c> followed by <paramref name="name"/> lexes as one id token.</summary>
    public static bool IsValidId(string name)
    {
        if (name.Length == 0) return false;
        foreach (var c in name)
        {
            var ok = c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/'
                or ':' or '<' or '=' or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~';
            if (!ok) return false;
        }
        return true;
    }
}
