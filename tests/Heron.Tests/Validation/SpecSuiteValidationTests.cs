using Heron.Binary;
using Heron.Text;
using Heron.Text.Script;
using Heron.Validation;
using Xunit.Abstractions;

namespace Heron.Tests.Validation;

/// <summary>
/// Runs the validator over the spec test suite: every <c>assert_invalid</c> module must be rejected, and every
/// module the scripts define or instantiate must decode and validate. 2.0 must pass completely; 3.0 is run
/// for information (its counts are printed, failures do not fail the test).
/// </summary>
public sealed class SpecSuiteValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void Wasm2SuiteRejectsEveryInvalidModuleAndAcceptsEveryValidOne()
    {
        var totals = Run(SharedData.RequireWasmTestsuite("2.0"), WasmFeatures.Wasm2, "2.0");
        Assert.True(totals.Failures.Count == 0,
            $"{totals.Failures.Count} spec modules were judged wrongly; first ones:\n" + string.Join('\n', totals.Failures.Take(30)));
    }

    [Fact]
    public void Wasm3SuiteCountsAreReported()
    {
        var totals = Run(SharedData.RequireWasmTestsuite("3.0"), WasmFeatures.Wasm3, "3.0");
        foreach (var failure in totals.Failures.Take(40)) output.WriteLine("  " + failure);
        Assert.True(totals.InvalidTotal + totals.ValidTotal > 0, "no 3.0 module was found");
    }

    private Totals Run(string folder, WasmFeatures features, string label)
    {
        var totals = new Totals();
        foreach (var path in Directory.GetFiles(folder, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, path);
            var file = new Totals();
            IReadOnlyList<ScriptCommand> commands;
            try
            {
                commands = WastParser.ParseScript(File.ReadAllText(path));
            }
            catch (WasmException error)
            {
                file.Failures.Add($"{name}: script not parsed: {error.Message}");
                totals.Add(file);
                output.WriteLine($"{label} {name}: script not parsed ({error.Message})");
                continue;
            }
            foreach (var command in commands)
            {
                switch (command)
                {
                    case AssertInvalidCommand invalid:
                        CheckInvalid(name, invalid.Module, invalid.Message, features, file);
                        break;
                    case ModuleCommand module:
                        CheckValid(name, module.Module, features, file);
                        break;
                    case AssertTrapCommand { Module: { } module }:
                        CheckValid(name, module, features, file);
                        break;
                    case AssertUnlinkableCommand unlinkable:
                        CheckValid(name, unlinkable.Module, features, file);
                        break;
                }
            }
            output.WriteLine($"{label} {name}: invalid rejected {file.InvalidRejected}/{file.InvalidTotal}, valid accepted {file.ValidAccepted}/{file.ValidTotal}");
            totals.Add(file);
        }
        output.WriteLine($"{label} TOTAL: invalid rejected {totals.InvalidRejected}/{totals.InvalidTotal}, valid accepted {totals.ValidAccepted}/{totals.ValidTotal}");
        return totals;
    }

    private static void CheckInvalid(string file, ScriptModule module, string message, WasmFeatures features, Totals totals)
    {
        totals.InvalidTotal++;
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(module.Encode(), features), features);
            totals.Failures.Add($"{file}:{module.Line}: invalid module accepted (expected \"{message}\")");
        }
        catch (ValidationException)
        {
            totals.InvalidRejected++;
        }
        catch (DecodeException)
        {
            totals.InvalidRejected++;
        }
        catch (WasmException error)
        {
            totals.Failures.Add($"{file}:{module.Line}: not decoded: {error.Message}");
        }
    }

    private static void CheckValid(string file, ScriptModule module, WasmFeatures features, Totals totals)
    {
        totals.ValidTotal++;
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(module.Encode(), features), features);
            totals.ValidAccepted++;
        }
        catch (WasmException error)
        {
            totals.Failures.Add($"{file}:{module.Line}: valid module rejected: {error.Message}");
        }
    }

    private sealed class Totals
    {
        public int InvalidTotal;
        public int InvalidRejected;
        public int ValidTotal;
        public int ValidAccepted;
        public List<string> Failures { get; } = [];

        public void Add(Totals other)
        {
            InvalidTotal += other.InvalidTotal;
            InvalidRejected += other.InvalidRejected;
            ValidTotal += other.ValidTotal;
            ValidAccepted += other.ValidAccepted;
            Failures.AddRange(other.Failures);
        }
    }
}
