namespace Heron.Http;

/// <summary>
/// What a guest may put in HTTP fields: names are RFC 9110 tokens, values have no control characters but
/// horizontal tab (so no CR or LF that would split a header), and the hop-by-hop fields that belong to the
/// connection rather than the message (and <c>host</c>, which the request's authority gives) are forbidden,
/// as Wasmtime forbids them.
/// </summary>
internal static class FieldRules
{
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
        "transfer-encoding", "upgrade", "host", "http2-settings",
    };

    /// <summary>The <c>header-error</c> case a field would raise, or null when it is acceptable.</summary>
    public static string? Check(string name, IEnumerable<byte[]> values)
    {
        if (!IsToken(name)) return "invalid-syntax";
        foreach (var value in values)
            if (!IsValue(value)) return "invalid-syntax";
        return Forbidden.Contains(name) ? "forbidden" : null;
    }

    public static bool IsToken(string name)
    {
        if (name.Length == 0) return false;
        foreach (char c in name)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') continue;
            if ("!#$%&'*+-.^_`|~".Contains(c)) continue;
            return false;
        }
        return true;
    }

    public static bool IsValue(ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
            if (b is < 0x20 and not (byte)'\t' or 0x7f) return false;
        return true;
    }
}
