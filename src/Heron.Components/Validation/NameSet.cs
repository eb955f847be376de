namespace Heron.Components.Validation;

/// <summary>
/// The names of one kind (imports, exports, fields...) in one scope, which must be strongly unique: equal
/// after lowercasing, after <c>[method]r.r</c> and <c>[static]r.r</c> become <c>r</c>, and after the
/// <c>[method]</c> and <c>[static]</c> prefixes are dropped.
/// </summary>
internal sealed class NameSet(string what, string previous = "")
{
    private readonly Dictionary<string, string> canonical = [];

    /// <summary>Adds a name, or returns the error message naming the earlier name it clashes with.</summary>
    public string? Add(string name)
    {
        var key = Canonical(name);
        if (canonical.TryGetValue(key, out var earlier))
            return $"{what} name `{name}` conflicts with previous {PreviousWhat}name `{earlier}`";
        canonical[key] = name;
        return null;
    }

    private string PreviousWhat => previous.Length == 0 ? "" : previous + " ";

    public static string Canonical(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var prefix in (ReadOnlySpan<string>)["[method]", "[static]"])
        {
            if (!lower.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = lower[prefix.Length..];
            var dot = rest.IndexOf('.');
            if (dot >= 0 && rest[..dot] == rest[(dot + 1)..]) return rest[..dot];
            return rest;
        }
        return lower;
    }
}
