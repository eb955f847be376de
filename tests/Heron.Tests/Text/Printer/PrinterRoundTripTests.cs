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
        foreach (var path in Directory.GetFiles(suite, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var count = 0;
            foreach (var command in WastParser.ParseScript(File.ReadAllText(path)))
            {
                var module = command switch
                {
                    ModuleCommand c => c.Module,
                    AssertInvalidCommand c => c.Module,
                    AssertUnlinkableCommand c => c.Module,
                    AssertTrapCommand c => c.Module,
                    _ => null,
                };
                if (module == null) continue;
                var where = $"{Path.GetRelativePath(suite, path)}:{command.Line}";
                Heron.Model.WasmModule decoded;
                try { decoded = ModuleDecoder.Decode(module.Encode()); }
                catch (Exception e) when (e is DecodeException or TextParseException) { skipped++; continue; }
                count++;
                Check(decoded, where, failures, encodingOnly);
            }
            if (count > 0) output.WriteLine($"{Path.GetRelativePath(suite, path)}: {count} modules");
            total += count;
        }
        output.WriteLine($"2.0 suite: {total} modules printed and parsed back, {total - failures.Count - encodingOnly.Count} identical,"
            + $" {encodingOnly.Count} identical up to binary encoding choices the text format cannot express, {failures.Count} failed;"
            + $" {skipped} modules not decodable");
        foreach (var line in encodingOnly) output.WriteLine("  encoding only: " + line);
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} modules failed:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(total > 1500, $"only {total} modules found");
    }

    /// <summary>Round-trips one module; a difference the text format can express is a failure.</summary>
    internal static void Check(Heron.Model.WasmModule decoded, string where, List<string> failures, List<string> encodingOnly)
    {
        string text;
        try { text = WatPrinter.Print(decoded); }
        catch (DecodeException) { return; }
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
