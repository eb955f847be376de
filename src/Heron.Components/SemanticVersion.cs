namespace Heron.Components;

/// <summary>A semver version (major.minor.patch, an optional pre-release ignored for compatibility).</summary>
internal sealed record SemanticVersion(int Major, int Minor, int Patch, string PreRelease) : IComparable<SemanticVersion>
{
    public static SemanticVersion? TryParse(string text)
    {
        var dash = text.IndexOfAny(['-', '+']);
        var core = dash < 0 ? text : text[..dash];
        var parts = core.Split('.');
        if (parts.Length != 3) return null;
        if (!int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || !int.TryParse(parts[2], out var patch)) return null;
        return new SemanticVersion(major, minor, patch, dash < 0 ? "" : text[dash..]);
    }

    /// <summary>Interchangeable by semver's rules: same major; while major is 0, same minor; no pre-release.</summary>
    public bool IsCompatibleWith(SemanticVersion other) =>
        PreRelease.Length == 0 && other.PreRelease.Length == 0 && Major == other.Major && (Major != 0 || Minor == other.Minor);

    public int CompareTo(SemanticVersion? other) =>
        other == null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
}
