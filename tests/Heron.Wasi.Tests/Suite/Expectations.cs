namespace Heron.Wasi.Tests.Suite;

/// <summary>
/// The tests an expectations TOML file (such as <c>expectations/wasmtime/linux.toml</c>) lists per suite:
/// those are skipped, as the reference runner skips them for that engine. Reads only the subset of TOML
/// those files use: <c>[[suite]]</c> and <c>[[suite.test]]</c> tables with <c>name</c>/<c>expected</c> strings.
/// </summary>
internal static class Expectations
{
    public static IReadOnlyDictionary<string, HashSet<string>> Parse(string toml)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string? suite = null;
        bool inTest = false;
        foreach (var raw in toml.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line == "[[suite]]")
            {
                suite = null;
                inTest = false;
            }
            else if (line == "[[suite.test]]")
            {
                inTest = true;
            }
            else if (line.StartsWith("name", StringComparison.Ordinal) && Value(line) is { } name)
            {
                if (!inTest) suite = name;
                else if (suite is not null)
                {
                    if (!result.TryGetValue(suite, out var tests)) result[suite] = tests = new(StringComparer.Ordinal);
                    tests.Add(name);
                }
            }
        }
        return result;
    }

    private static string? Value(string line)
    {
        int equals = line.IndexOf('=');
        if (equals < 0 || line[..equals].Trim() != "name") return null;
        string value = line[(equals + 1)..].Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : null;
    }
}
