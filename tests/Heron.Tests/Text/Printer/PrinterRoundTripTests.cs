using Heron.Binary;
using Heron.Text;
using Heron.Text.Script;
using Xunit.Abstractions;

namespace Heron.Tests.Text.Printer;

/// <summary>
/// The printer's contract over real modules: printing, parsing and decoding again gives back the module
/// that was printed (the name and custom sections aside).
/// </summary>
public sealed class PrinterRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_decodable_module_of_the_2_0_suite_survives_print_parse_decode()
    {
        var suite = SharedData.RequireWasmTestsuite("2.0");
        var failures = new List<string>();
        var total = 0;
        var skipped = 0;
        var encodingOnly = new List<string>();
        var undecodable = new List<string>();
        foreach (var path in Directory.GetFiles(suite, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var count = 0;
            foreach (var command in WastParser.ParseScript(File.ReadAllText(path)))
            {
                var module = command.WellFormedModule;
                if (module == null) continue;
                var where = $"{Path.GetRelativePath(suite, path)}:{command.Line}";
                Heron.Model.WasmModule decoded;
                // Decoded as 3.0, the features the round trip parses back with (function-index segments are (ref func) there).
                try { decoded = ModuleDecoder.Decode(module.Encode(), WasmFeatures.Wasm3); }
                catch (Exception e) when (e is DecodeException or TextParseException) { skipped++; continue; }
                count++;
                Check(decoded, where, failures, encodingOnly, undecodable);
            }
            if (count > 0) output.WriteLine($"{Path.GetRelativePath(suite, path)}: {count} modules");
            total += count;
        }
        output.WriteLine($"2.0 suite: {total} modules printed and parsed back, {total - failures.Count - encodingOnly.Count} identical,"
            + $" {encodingOnly.Count} identical up to binary encoding choices the text format cannot express, {failures.Count} failed;"
            + $" {skipped} modules not decodable, {undecodable.Count} with a malformed instruction");
        foreach (var line in encodingOnly) output.WriteLine("  encoding only: " + line);
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} modules failed:\n" + string.Join("\n", failures.Take(60)));
        Assert.Empty(undecodable);
        Assert.True(total > 1500, $"only {total} modules found");
    }

    /// <summary>The legacy exception instructions print flat (try, catch, catch_all, delegate, end) and parse back.</summary>
    [Fact]
    public void Every_module_of_the_legacy_exception_scripts_survives_print_parse_decode()
    {
        var folder = Path.Combine(SharedData.RequireWasmTestsuite("3.0"), "legacy");
        var failures = new List<string>();
        var encodingOnly = new List<string>();
        var undecodable = new List<string>();
        var total = 0;
        foreach (var path in Directory.GetFiles(folder, "*.wast").Order(StringComparer.Ordinal))
        {
            foreach (var command in WastParser.ParseScript(File.ReadAllText(path)))
            {
                if (command.WellFormedModule is not { } module) continue;
                var decoded = ModuleDecoder.Decode(module.Encode(), WasmFeatures.Wasm3 | WasmFeatures.LegacyExceptions);
                Check(decoded, $"{Path.GetFileName(path)}:{command.Line}", failures, encodingOnly, undecodable);
                total++;
            }
        }
        Assert.True(failures.Count == 0 && undecodable.Count == 0, string.Join("\n", failures.Concat(undecodable)));
        Assert.Empty(encodingOnly);
        Assert.True(total >= 10, $"only {total} modules found");
    }

    [Fact]
    public void Every_sightglass_program_survives_print_parse_decode()
    {
        var root = SharedData.Root is { } shared ? Path.Combine(shared, "bench", "sightglass") : null;
        if (root == null || !Directory.Exists(root)) throw new Xunit.Sdk.XunitException("The sightglass programs were not found under shared/bench/sightglass.");
        var failures = new List<string>();
        var encodingOnly = new List<string>();
        var undecodable = new List<string>();
        var total = 0;
        foreach (var path in Directory.GetFiles(root, "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, path);
            // Two files of the set are truncated copies that no decoder accepts.
            if (name.StartsWith("meshoptimizer", StringComparison.Ordinal) || name.StartsWith("sqlite3", StringComparison.Ordinal)) continue;
            var bytes = File.ReadAllBytes(path);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var decoded = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
            var before = failures.Count + encodingOnly.Count + undecodable.Count;
            Check(decoded, name, failures, encodingOnly, undecodable);
            output.WriteLine($"{name}: {bytes.Length / 1024} KiB, {decoded.Bodies.Length} functions,"
                + $" {(failures.Count + encodingOnly.Count + undecodable.Count == before ? "identical" : "see below")} ({watch.ElapsedMilliseconds} ms)");
            total++;
        }
        output.WriteLine($"sightglass: {total} programs, {total - failures.Count - encodingOnly.Count - undecodable.Count} identical,"
            + $" {encodingOnly.Count} identical up to binary encoding choices, {failures.Count} failed, {undecodable.Count} with a malformed instruction");
        foreach (var line in encodingOnly) output.WriteLine("  encoding only: " + line);
        Assert.True(failures.Count == 0 && undecodable.Count == 0, string.Join("\n", failures.Concat(undecodable)));
        Assert.True(total >= 20, $"only {total} programs found");
    }

    /// <summary>Round-trips one module; a difference the text format can express is a failure.</summary>
    internal static void Check(Heron.Model.WasmModule decoded, string where, List<string> failures, List<string> encodingOnly, List<string> undecodableBodies)
    {
        string text;
        try { text = WatPrinter.Print(decoded); }
        catch (DecodeException e)
        {
            // The decoder only delimits bodies; a malformed instruction inside one is found here.
            undecodableBodies.Add($"{where}: {e.Message}");
            return;
        }
        try
        {
            var outcome = PrintedModules.RoundTrip(decoded);
            if (outcome.Difference is not { } difference) return;
            if (EncodingInsensitiveComparer.Difference(decoded, outcome.Again) is { } real) failures.Add($"{where}: differs in {real}");
            else encodingOnly.Add($"{where} ({difference})");
        }
        catch (Exception e) when (e is DecodeException or TextParseException)
        {
            failures.Add($"{where}: {e.GetType().Name}: {e.Message}\n{Excerpt(text, e)}");
        }
    }

    private static string Excerpt(string text, Exception e)
    {
        if (e is not TextParseException parse) return "";
        var lines = text.Split('\n');
        var line = parse.Line;
        return string.Join("\n", lines.Skip(Math.Max(0, line - 3)).Take(4).Select(l => "    | " + l));
    }
}
