using System.Collections;
using System.Reflection;
using Heron.Binary;
using Heron.Text.Script;

namespace Heron.Tests.Binary;

/// <summary>
/// Every module of the 2.0 spec suite that is not malformed decodes, and survives decode, encode, decode
/// unchanged. The scripts are read with the text parser, found by name so that this test compiles before
/// the parser exists and fails, saying so, until it does.
/// </summary>
public sealed class SpecRoundTripTests
{
    [Fact]
    public void Every_well_formed_module_of_the_2_0_suite_round_trips()
    {
        var suite = SharedData.RequireWasmTestsuite("2.0");
        var parse = FindScriptParser();
        int modules = 0;
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(suite, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var command in parse(path))
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

    /// <summary>
    /// Heron.Text.WastParser's entry point: a static method taking the script's text (and optionally its
    /// file name) and returning its commands.
    /// </summary>
    private static Func<string, IEnumerable<ScriptCommand>> FindScriptParser()
    {
        var type = typeof(ScriptCommand).Assembly.GetType("Heron.Text.WastParser");
        Assert.True(type != null, "Heron.Text.WastParser does not exist yet: this test needs the text parser (merge main once it has landed).");
        foreach (var method in type!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            var parameters = method.GetParameters();
            if (parameters.Length == 0 || parameters[0].ParameterType != typeof(string)) continue;
            if (!typeof(IEnumerable).IsAssignableFrom(method.ReturnType)) continue;
            if (parameters.Skip(1).Any(p => p.ParameterType != typeof(string) && !p.HasDefaultValue)) continue;
            return path =>
            {
                var arguments = new object?[parameters.Length];
                arguments[0] = File.ReadAllText(path);
                for (int i = 1; i < parameters.Length; i++)
                    arguments[i] = parameters[i].ParameterType == typeof(string) ? path : parameters[i].DefaultValue;
                try
                {
                    return ((IEnumerable)method.Invoke(null, arguments)!).OfType<ScriptCommand>().ToList();
                }
                catch (TargetInvocationException e) when (e.InnerException != null)
                {
                    throw new Xunit.Sdk.XunitException($"{path}: {e.InnerException.Message}");
                }
            };
        }
        throw new Xunit.Sdk.XunitException($"No parse method found on {type}: expected a static method (string text, ...) returning the script's commands.");
    }
}
