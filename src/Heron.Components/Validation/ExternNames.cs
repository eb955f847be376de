namespace Heron.Components.Validation;

/// <summary>What an import or export name is: a plain name (with its annotation) or an interface name.</summary>
internal enum ExternNameKind { Label, Constructor, Method, Static, Interface }

/// <summary>An extern name taken apart: for annotated names the resource and the function label.</summary>
internal sealed record ParsedExternName(ExternNameKind Kind, string Resource, string Label);

/// <summary>
/// The lexical rules of extern names: kebab-case labels, <c>[constructor]r</c>, <c>[method]r.m</c>,
/// <c>[static]r.m</c> and <c>ns:pkg/iface@version</c>. Each check returns an error message or null.
/// </summary>
internal static class ExternNames
{
    public static bool IsLabel(string label)
    {
        if (label.Length == 0 || !char.IsAsciiLetter(label[0])) return false;
        foreach (var fragment in label.Split('-'))
        {
            // A word is lowercase letters and digits, an acronym uppercase letters and digits.
            if (fragment.Length == 0) return false;
            var word = fragment.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
            var acronym = fragment.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
            if (!word && !acronym) return false;
        }
        return true;
    }

    /// <summary>A label of a field, case, flag, parameter: null when it is kebab case, else the error.</summary>
    public static string? CheckLabel(string label, string what) =>
        label.Length == 0 ? $"{what} name cannot be empty" : IsLabel(label) ? null : $"{what} name `{label}` is not in kebab case";

    /// <summary>Parses an extern name, or throws a <see cref="FormatException"/> whose message says what is wrong.</summary>
    public static ParsedExternName Parse(string name)
    {
        if (name.Contains(':')) return ParseInterface(name);
        foreach (var (prefix, kind) in (ReadOnlySpan<(string, ExternNameKind)>)[("[constructor]", ExternNameKind.Constructor), ("[method]", ExternNameKind.Method), ("[static]", ExternNameKind.Static)])
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = name[prefix.Length..];
            if (kind == ExternNameKind.Constructor)
            {
                RequireLabel(rest);
                return new ParsedExternName(kind, rest, rest);
            }
            var dot = rest.IndexOf('.');
            if (dot < 0) throw new FormatException($"failed to find `.` character in `{name}`");
            RequireLabel(rest[..dot]);
            RequireLabel(rest[(dot + 1)..]);
            return new ParsedExternName(kind, rest[..dot], rest[(dot + 1)..]);
        }
        if (name.StartsWith('[')) throw new FormatException($"`{name}` is not a valid extern name");
        RequireLabel(name);
        return new ParsedExternName(ExternNameKind.Label, "", name);
    }

    /// <summary>The parsed name, or null when it is not a valid extern name.</summary>
    public static ParsedExternName? TryParse(string name)
    {
        try
        {
            return Parse(name);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void RequireLabel(string label)
    {
        if (!IsLabel(label)) throw new FormatException($"`{label}` is not in kebab case");
    }

    /// <summary><c>ns:pkg/iface</c> with an optional <c>@semver</c>.</summary>
    private static ParsedExternName ParseInterface(string name)
    {
        var at = name.IndexOf('@');
        var path = at < 0 ? name : name[..at];
        var colon = path.IndexOf(':');
        RequireWords(path[..colon]);
        var rest = path[(colon + 1)..];
        var slash = rest.IndexOfAny(['/', ':']);
        RequireWords(slash < 0 ? rest : rest[..slash]);
        if (slash < 0 || rest[slash] != '/') throw new FormatException($"expected `/` after package name in `{name}`");
        var projection = rest[(slash + 1)..];
        var trailing = projection.IndexOfAny(['/', ':']);
        if (trailing >= 0) throw new FormatException($"trailing characters found: `{projection[trailing..]}`");
        RequireLabel(projection);
        if (at >= 0) CheckSemver(name[(at + 1)..]);
        return new ParsedExternName(ExternNameKind.Interface, "", name);
    }

    private static void RequireWords(string words)
    {
        if (!IsWords(words)) throw new FormatException($"`{words}` is not in kebab case");
    }

    /// <summary>Why a version is not Semantic Versioning 2.0, in the words of the semver parser wasm-tools uses.</summary>
    private static void CheckSemver(string version)
    {
        if (version.Length == 0) throw new FormatException("empty string, expected a semver version");
        if (IsSemver(version)) return;
        var position = 0;
        for (var part = 0; part < 3; part++)
        {
            if (part > 0)
            {
                if (position >= version.Length) throw new FormatException("unexpected end of input while parsing minor version number");
                if (version[position] != '.') throw new FormatException($"unexpected character '{version[position]}' after version number");
                position++;
            }
            if (position >= version.Length) throw new FormatException("unexpected end of input while parsing version number");
            if (!char.IsAsciiDigit(version[position])) throw new FormatException($"unexpected character '{version[position]}' while parsing version number");
            while (position < version.Length && char.IsAsciiDigit(version[position])) position++;
        }
        if (position < version.Length && version[position] is '-' or '+')
        {
            var segments = version[(position + 1)..].Split('.', '+');
            if (segments.Any(s => s.Length == 0)) throw new FormatException("empty identifier segment in pre-release or build metadata");
        }
        throw new FormatException(position < version.Length ? $"unexpected character '{version[position]}' after patch version number" : $"`{version}` is not a valid semver");
    }

    /// <summary>A namespace or package: kebab case whose words are all lowercase.</summary>
    private static bool IsWords(string words) => IsLabel(words) && !words.Any(char.IsAsciiLetterUpper);

    /// <summary>Semantic Versioning 2.0: major.minor.patch, optional -prerelease and +build.</summary>
    public static bool IsSemver(string version)
    {
        var plus = version.IndexOf('+');
        if (plus >= 0 && !Identifiers(version[(plus + 1)..], numeric: false)) return false;
        var core = plus >= 0 ? version[..plus] : version;
        var dash = core.IndexOf('-');
        if (dash >= 0 && !Identifiers(core[(dash + 1)..], numeric: true)) return false;
        var numbers = (dash >= 0 ? core[..dash] : core).Split('.');
        return numbers.Length == 3 && numbers.All(IsNumber);
    }

    private static bool IsNumber(string part) =>
        part.Length > 0 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static bool Identifiers(string text, bool numeric) => text.Split('.').All(part =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && (!numeric || !part.All(char.IsAsciiDigit) || IsNumber(part)));
}
