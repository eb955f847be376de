using Heron.Text;
using Heron.Text.Script;

namespace Heron.Wast;

/// <summary>
/// Runs WebAssembly spec test scripts (.wast): compiles and instantiates their modules, performs their
/// actions and checks every assertion, with the <c>spectest</c> module built in. Each script runs in a
/// store of its own.
/// </summary>
public sealed class WastRunner
{
    private readonly Engine engine;
    private readonly WasmFeatures features;
    private readonly CompileStrategy strategy;
    private readonly Compilation.SplitLimits split;

    /// <summary>
    /// Creates a runner whose modules may use <paramref name="features"/>; a script's own <c>;;!</c>
    /// lines (Wasmtime's convention, for example <c>;;! memory64 = true</c>) turn more on or some off.
    /// </summary>
    public WastRunner(WasmFeatures features = WasmFeatures.Wasm2)
        : this(features, CompileStrategy.Auto)
    {
    }

    /// <summary>As <see cref="WastRunner(WasmFeatures)"/>, every module compiled with <paramref name="strategy"/>.</summary>
    public WastRunner(WasmFeatures features, CompileStrategy strategy)
        : this(features, strategy, Compilation.SplitLimits.Default)
    {
    }

    /// <summary>As <see cref="WastRunner(WasmFeatures, CompileStrategy)"/>, big functions split as <paramref name="split"/> says (tests).</summary>
    internal WastRunner(WasmFeatures features, CompileStrategy strategy, Compilation.SplitLimits split)
    {
        this.features = features;
        this.strategy = strategy;
        this.split = split;
        engine = new Engine(new EngineConfig { Features = features, Strategy = strategy, Split = split });
    }

    /// <summary>Runs the script in <paramref name="path"/>.</summary>
    public WastScriptResult RunFile(string path) => RunText(File.ReadAllText(path), path);

    /// <summary>Runs a script given as text; <paramref name="name"/> names it in failures.</summary>
    public WastScriptResult RunText(string text, string name)
    {
        var result = new WastScriptResult(name);
        IReadOnlyList<ScriptCommand> commands;
        try
        {
            commands = WastParser.ParseScript(text);
        }
        catch (WasmException error)
        {
            result.Failures.Add(new WastFailure(name, 0, "script", "could not be read: " + error.Message));
            return result;
        }
        var directives = ScriptDirectives.Parse(text);
        if (directives.Unsupported != null)
        {
            result.Skipped++;
            result.SkippedCommands.Add("the whole script: it " + directives.Unsupported);
            return result;
        }
        var scriptFeatures = directives.Apply(features);
        var scriptEngine = scriptFeatures == features ? engine : new Engine(new EngineConfig { Features = scriptFeatures, Strategy = strategy, Split = split });
        using var session = new ScriptSession(scriptEngine, directives.WasmtimeScript);
        foreach (var command in commands)
        {
            if (command is UnsupportedCommand unsupported)
            {
                result.Skipped++;
                result.SkippedCommands.Add($"{unsupported.Keyword} at line {unsupported.Line}");
                continue;
            }
            foreach (var (done, failure) in session.Outcomes(command))
            {
                if (failure == null) result.Passed++;
                else result.Failures.Add(new WastFailure(name, done.Line, Keyword(done), failure));
            }
        }
        return result;
    }

    private static string Keyword(ScriptCommand command) => command switch
    {
        ModuleCommand => "module",
        ModuleInstanceCommand => "module instance",
        RegisterCommand => "register",
        ActionCommand action => action.Action.IsInvoke ? "invoke" : "get",
        AssertReturnCommand => "assert_return",
        AssertTrapCommand => "assert_trap",
        AssertExhaustionCommand => "assert_exhaustion",
        AssertExceptionCommand => "assert_exception",
        AssertInvalidCommand => "assert_invalid",
        AssertMalformedCommand => "assert_malformed",
        AssertUnlinkableCommand => "assert_unlinkable",
        AssertCustomCommand c => c.Invalid ? "assert_invalid_custom" : "assert_malformed_custom",
        ThreadCommand => "thread",
        WaitCommand => "wait",
        UnsupportedCommand unsupported => unsupported.Keyword,
        _ => command.GetType().Name,
    };
}
