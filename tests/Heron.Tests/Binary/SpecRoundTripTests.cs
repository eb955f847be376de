using Heron.Binary;
using Heron.Text;
using Heron.Text.Script;

namespace Heron.Tests.Binary;

/// <summary>
/// Every module of the 2.0 spec suite that is not malformed decodes, and survives decode, encode, decode
/// unchanged.
/// </summary>
public sealed class SpecRoundTripTests
{
    [Fact]
    public void Every_well_formed_module_of_the_2_0_suite_round_trips()
    {
        var suite = SharedData.RequireWasmTestsuite("2.0");
                int modules = 0;
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(suite, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var command in WastParser.ParseScript(File.ReadAllText(path)))
            {
                var module = command.WellFormedModule;
                if (module == null) continue;
                var where = $"{Path.GetFileName(path)}:{command.Line}";
                byte[] bytes;
                try { bytes = module.Encode(); }
                catch (TextParseException e) { failures.Add($"{where}: text parser: {e.Message}"); continue; }
                modules++;
                try
                {
                    var decoded = ModuleDecoder.Decode(bytes);
                    var again = ModuleDecoder.Decode(ModuleEncoder.Encode(decoded));
                    if (ModuleComparer.Difference(decoded, again) is { } difference) failures.Add($"{where}: round trip differs in {difference}");
                }
                catch (DecodeException e)
                {
                    failures.Add($"{where}: {e.Message}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {modules} modules failed:\n" + string.Join("\n", failures.Take(50)));
        Assert.True(modules > 1500, $"only {modules} modules found");
    }
}
