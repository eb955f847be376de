using Heron.Text.Script;

namespace Heron.Wast;

/// <summary>
/// The state of one running script: its store, the instances it named, the latest instance, the
/// registered module names and (3.0) module definitions. <see cref="Run"/> returns null when a command
/// gave its expected outcome, or a description of what differed.
/// </summary>
internal sealed class ScriptSession : IDisposable
{
    private readonly Engine engine;
    private readonly Store store;
    private readonly Linker linker;
    private readonly Dictionary<string, Instance> namedInstances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Module> definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScriptThread> threads = new(StringComparer.Ordinal);
    private Instance? current;
    private Module? latestDefinition;

    /// <summary>Whether module text may give a folded instruction plain operands (<see cref="ScriptDirectives.WasmtimeScript"/>).</summary>
    private readonly bool plainOperandsInFolds;

    public ScriptSession(Engine engine, bool plainOperandsInFolds = false)
    {
        this.plainOperandsInFolds = plainOperandsInFolds;
        this.engine = engine;
        store = new Store(engine);
        linker = new Linker(engine);
        Spectest.Define(linker, store);
        WasmtimeHost.Define(linker);
    }

    public void Dispose()
    {
        // A thread never waited for still runs against the shared memories: finish it before releasing them.
        foreach (var thread in threads.Values) thread.Join();
        store.Dispose();
    }

    /// <summary>
    /// Runs a command; the outcome of it and of the commands it completes (a <c>wait</c> completes its
    /// thread's): null where the expected outcome happened, else what differed.
    /// </summary>
    public List<(ScriptCommand Command, string? Failure)> Outcomes(ScriptCommand command)
    {
        var outcomes = new List<(ScriptCommand, string?)>();
        try
        {
            switch (command)
            {
                case ThreadCommand thread:
                    outcomes.Add((command, StartThread(thread)));
                    break;
                case WaitCommand wait when threads.Remove(wait.Name, out var thread):
                    outcomes.AddRange(thread.Join());
                    outcomes.Add((command, null));
                    break;
                case WaitCommand wait:
                    outcomes.Add((command, $"no thread ${wait.Name} to wait for"));
                    break;
                case UnsupportedCommand unsupported:
                    outcomes.Add((command, $"{unsupported.Keyword} is not supported here"));
                    break;
                default:
                    outcomes.Add((command, Run(command)));
                    break;
            }
        }
        catch (Exception error)
        {
            outcomes.Add((command, $"unexpected {error.GetType().Name}: {error.Message}"));
        }
        return outcomes;
    }

    /// <summary>Makes another session's instance visible here under <paramref name="name"/> (a thread's shared module).</summary>
    public void Share(string name, Instance instance)
    {
        namedInstances[name] = instance;
        linker.DefineInstance(name, instance);
    }

    private string? StartThread(ThreadCommand command)
    {
        var shared = new List<(string, Instance)>();
        foreach (var name in command.SharedModules)
        {
            if (!namedInstances.TryGetValue(name, out var instance)) return $"no module ${name} to share";
            shared.Add((name, instance));
        }
        if (threads.ContainsKey(command.Name)) return $"thread ${command.Name} is already running";
        threads[command.Name] = new ScriptThread(engine, command, shared);
        return null;
    }

    private string? Run(ScriptCommand command) => command switch
    {
        ModuleCommand c => RunModule(c.Module),
        ModuleInstanceCommand c => RunModuleInstance(c),
        RegisterCommand c => Register(c),
        ActionCommand c => Perform(c.Action, out _),
        AssertReturnCommand c => AssertReturn(c),
        AssertTrapCommand c => AssertTrap(c),
        AssertExhaustionCommand c => AssertExhaustion(c),
        AssertExceptionCommand c => AssertException(c),
        AssertInvalidCommand c => AssertRejected(c.Module, c.Message, invalid: true),
        AssertMalformedCommand c => AssertRejected(c.Module, c.Message, invalid: false),
        AssertUnlinkableCommand c => AssertUnlinkable(c),
        AssertCustomCommand c => AssertCustom(c),
        _ => $"unknown command {command.GetType().Name}",
    };

    private Module Compile(ScriptModule module) => Module.FromBytes(engine, module.Encode(plainOperandsInFolds: plainOperandsInFolds), module.Name);

    private string? RunModule(ScriptModule scriptModule)
    {
        var module = Compile(scriptModule);
        if (scriptModule.IsDefinition)
        {
            latestDefinition = module;
            if (scriptModule.Name != null) definitions[scriptModule.Name] = module;
            return null;
        }
        Bind(scriptModule.Name, linker.Instantiate(store, module));
        return null;
    }

    private string? RunModuleInstance(ModuleInstanceCommand command)
    {
        // "(module instance)" and "(module instance $i)" name no definition: the latest one is meant.
        var module = command.DefinitionName == null ? latestDefinition : definitions.GetValueOrDefault(command.DefinitionName);
        if (module == null) return command.DefinitionName == null ? "no module definition to instantiate" : $"unknown module definition {command.DefinitionName}";
        Bind(command.InstanceName, linker.Instantiate(store, module));
        return null;
    }

    /// <summary>
    /// Makes <paramref name="instance"/> the current one and, when named, findable by its name and
    /// importable under it: Wasmtime's scripts import from a named module without registering it.
    /// </summary>
    private void Bind(string? name, Instance instance)
    {
        current = instance;
        if (name == null) return;
        namedInstances[name] = instance;
        linker.DefineInstance(name, instance);
    }

    private string? Register(RegisterCommand command)
    {
        var instance = Find(command.ModuleName);
        if (instance == null) return $"no module {command.ModuleName ?? "(current)"} to register";
        linker.DefineInstance(command.As, instance);
        return null;
    }

    private Instance? Find(string? name) =>
        name == null ? current : namedInstances.GetValueOrDefault(name);

    /// <summary>Performs an action; its results are set when it completed.</summary>
    private string? Perform(ScriptAction action, out Value[] results)
    {
        results = [];
        var instance = Find(action.ModuleName);
        if (instance == null) return $"no module {action.ModuleName ?? "(current)"}";
        var export = instance.GetExport(action.Field);
        if (action.IsInvoke)
        {
            if (export is not Function function) return $"no exported function \"{action.Field}\"";
            var arguments = new Value[action.Arguments.Length];
            for (int i = 0; i < arguments.Length; i++) arguments[i] = ScriptValues.ToValue(action.Arguments[i]);
            results = function.Invoke(arguments);
            return null;
        }
        if (export is not Global global) return $"no exported global \"{action.Field}\"";
        results = [global.Value];
        return null;
    }

    private string? AssertReturn(AssertReturnCommand command)
    {
        try
        {
            var failure = Perform(command.Action, out var results);
            if (failure != null) return failure;
            if (results.Length != command.Expected.Length)
                return $"expected {command.Expected.Length} results, got {results.Length}";
            for (int i = 0; i < results.Length; i++)
            {
                var mismatch = ScriptValues.Mismatch(command.Expected[i], results[i]);
                if (mismatch != null) return $"result {i}: {mismatch}";
            }
            return null;
        }
        catch (TrapException trap)
        {
            return $"unexpected trap: {trap.Reason}";
        }
    }

    private string? AssertTrap(AssertTrapCommand command)
    {
        try
        {
            string? failure;
            if (command.Module != null) failure = RunModule(command.Module);
            else failure = Perform(command.Action!, out _);
            return failure ?? $"expected a trap \"{command.Message}\", but it completed";
        }
        catch (TrapException trap)
        {
            return MessageMatches(trap.Reason, command.Message) || WasmtimeWordingMatches(trap.Code, command.Message) ? null
                : $"expected trap \"{command.Message}\", got \"{trap.Reason}\"";
        }
        // A module too big to allocate fails its instantiation like a trap in Wasmtime's scripts.
        catch (ResourceLimitException error) when (command.Module != null)
        {
            return MessageMatches(error.Message, command.Message) ? null
                : $"expected trap \"{command.Message}\", got the resource limit \"{error.Message}\"";
        }
    }

    private string? AssertExhaustion(AssertExhaustionCommand command)
    {
        try
        {
            return Perform(command.Action, out _) ?? "expected call stack exhaustion, but it completed";
        }
        catch (TrapException trap) when (trap.Code == TrapCode.StackOverflow)
        {
            return null;
        }
    }

    private string? AssertException(AssertExceptionCommand command)
    {
        try
        {
            return Perform(command.Action, out _) ?? "expected an uncaught exception, but it completed";
        }
        catch (ThrownException)
        {
            return null;
        }
        catch (WasmException error)
        {
            return $"expected an uncaught exception, got {error.GetType().Name} \"{error.Message}\"";
        }
    }

    private string? AssertRejected(ScriptModule module, string message, bool invalid)
    {
        try
        {
            Compile(module);
            return $"expected the module to be {(invalid ? "invalid" : "malformed")} (\"{message}\"), but it compiled";
        }
        catch (ValidationException) when (invalid)
        {
            return null;
        }
        catch (DecodeException) when (!invalid)
        {
            return null;
        }
        catch (TextParseException) when (!invalid)
        {
            return null;
        }
        catch (WasmException error) when (error is ValidationException or DecodeException or TextParseException)
        {
            return $"expected a {(invalid ? "validation" : "decode")} error (\"{message}\"), got {error.GetType().Name}: {error.Message}";
        }
    }

    /// <summary>
    /// The module's custom annotations, checked as the text is parsed, are malformed (or invalid): the text
    /// parser must reject it for that reason, not for another.
    /// </summary>
    private static string? AssertCustom(AssertCustomCommand command)
    {
        var kind = command.Invalid ? "an invalid" : "a malformed";
        try
        {
            command.Module.Encode(checkAnnotations: true);
            return $"expected {kind} custom annotation (\"{command.Message}\"), but the module was accepted";
        }
        catch (CustomAnnotationException error) when (error.Invalid == command.Invalid)
        {
            return null;
        }
        catch (WasmException error) when (error is CustomAnnotationException or TextParseException)
        {
            return $"expected {kind} custom annotation (\"{command.Message}\"), got: {error.Message}";
        }
    }

    private string? AssertUnlinkable(AssertUnlinkableCommand command)
    {
        try
        {
            var module = Compile(command.Module);
            linker.Instantiate(store, module);
            return $"expected a link error \"{command.Message}\", but it instantiated";
        }
        catch (LinkException)
        {
            return null;
        }
        // Wasmtime's runner counts any failed instantiation as unlinkable, and its scripts put a data segment
        // out of bounds there; a trap still has to say what the script expects.
        catch (TrapException trap)
        {
            return MessageMatches(trap.Reason, command.Message) ? null
                : $"expected a link error \"{command.Message}\", got the trap \"{trap.Reason}\"";
        }
    }

    // Engines word some traps differently from the reference interpreter (for example with an index
    // appended), so the expected text must begin the message, or the message must begin the expected text.
    private static bool MessageMatches(string actual, string expected)
    {
        if (actual.StartsWith(expected, StringComparison.Ordinal)) return true;
        // Wasmtime's own scripts expect a part of Wasmtime's wording ("divide by zero"), as its runner checks.
        if (expected.Length >= 8 && actual.Contains(expected, StringComparison.Ordinal)) return true;
        var clause = FirstClause(actual);
        return clause.Length >= 8 && expected.StartsWith(clause, StringComparison.Ordinal);
    }

    /// <summary>
    /// Wasmtime names some traps by their kind where the reference interpreter is more specific: its scripts
    /// expect "null reference" for a null struct, array or i31 reference alike.
    /// </summary>
    private static bool WasmtimeWordingMatches(TrapCode code, string expected) =>
        code == TrapCode.NullReference && expected == "null reference";

    private static string FirstClause(string message)
    {
        var cut = message.IndexOfAny(['(', '\n', ':']);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
