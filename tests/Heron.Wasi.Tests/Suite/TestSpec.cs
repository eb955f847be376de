using System.Text.Json;

namespace Heron.Wasi.Tests.Suite;

/// <summary>A test's legacy JSON spec (see the suite's doc/specification.md); absent keys take the defaults.</summary>
internal sealed record TestSpec(
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string? Root,
    int ExitCode,
    string? Stdout,
    string? Stderr)
{
    public static readonly TestSpec Default = new([], [], null, 0, null, null);

    public static TestSpec Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("operations", out _))
            throw new NotSupportedException("operation-based specs are used only by the preview 3 suites");
        var args = new List<string>();
        if (root.TryGetProperty("args", out var a))
            foreach (var item in a.EnumerateArray()) args.Add(item.GetString() ?? "");
        var env = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("env", out var e))
            foreach (var item in e.EnumerateObject()) env.Add(new(item.Name, item.Value.GetString() ?? ""));
        string? rootDir = root.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        // Before June 2026 the suite preopened each of "dirs" under its own name; none of today's specs use it.
        if (rootDir is null && root.TryGetProperty("dirs", out _))
            throw new NotSupportedException("legacy \"dirs\" specs are not in this copy of the suite");
        int exit = root.TryGetProperty("exit_code", out var x) ? x.GetInt32() : 0;
        string? stdout = root.TryGetProperty("stdout", out var o) ? o.GetString() : null;
        string? stderr = root.TryGetProperty("stderr", out var s) ? s.GetString() : null;
        return new TestSpec(args, env, rootDir, exit, stdout, stderr);
    }
}
