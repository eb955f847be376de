using Heron.Text;
using Heron.Text.Script;

namespace Heron.Tests.Runtime;

/// <summary>
/// Runs a .wast script against the public API (the runtime's own check on the spec suite): modules,
/// registration, actions and every assertion kind. Returns the failures, one line each.
/// </summary>
internal sealed class ScriptRunner
{
    private readonly Engine engine = new();
    private readonly Store store;
    private readonly Linker linker;
    private readonly Dictionary<string, Instance> named = new();
    private readonly Dictionary<uint, object> hostReferences = new();
    private Instance? current;

    public ScriptRunner()
    {
        store = new Store(engine);
        linker = new Linker(engine);
        linker.DefineFunction("spectest", "print", () => { });
        linker.DefineFunction("spectest", "print_i32", (int _) => { });
        linker.DefineFunction("spectest", "print_i64", (long _) => { });
        linker.DefineFunction("spectest", "print_f32", (float _) => { });
        linker.DefineFunction("spectest", "print_f64", (double _) => { });
        linker.DefineFunction("spectest", "print_i32_f32", (int _, float _) => { });
        linker.DefineFunction("spectest", "print_f64_f64", (double _, double _) => { });
        linker.Define("spectest", "global_i32", new Global(store, new GlobalType(ValueType.I32, false), Value.I32(666)));
        linker.Define("spectest", "global_i64", new Global(store, new GlobalType(ValueType.I64, false), Value.I64(666)));
        linker.Define("spectest", "global_f32", new Global(store, new GlobalType(ValueType.F32, false), Value.F32(666.6f)));
        linker.Define("spectest", "global_f64", new Global(store, new GlobalType(ValueType.F64, false), Value.F64(666.6)));
        linker.Define("spectest", "table", new Table(store, new TableType(ValueType.FuncRef, new Limits(10, 20)), Value.Null(ValueType.FuncRef)));
        linker.Define("spectest", "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
    }

    public List<string> Failures { get; } = new();

    public int Passed { get; private set; }

    public void Run(string path)
    {
        foreach (var command in WastParser.ParseScript(File.ReadAllText(path)))
        {
            try
            {
                if (Execute(command)) Passed++;
            }
            catch (Exception e)
            {
                Failures.Add($"{Path.GetFileName(path)}:{command.Line}: {command.GetType().Name}: unexpected {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private bool Fail(ScriptCommand command, string message)
    {
        Failures.Add($"{command.Line}: {command.GetType().Name}: {message}");
        return false;
    }

    private bool Execute(ScriptCommand command)
    {
        switch (command)
        {
            case ModuleCommand m:
            {
                var instance = linker.Instantiate(store, Module.FromBytes(engine, m.Module.Encode()));
                current = instance;
                if (m.Module.Name != null) named[m.Module.Name] = instance;
                return true;
            }
            case RegisterCommand r:
                linker.DefineInstance(r.As, r.ModuleName != null ? named[r.ModuleName] : current!);
                return true;
            case ActionCommand a:
                Perform(a.Action);
                return true;
            case AssertReturnCommand a:
            {
                var results = Perform(a.Action);
                if (results.Length != a.Expected.Length) return Fail(command, $"{results.Length} results, expected {a.Expected.Length}");
                for (int i = 0; i < results.Length; i++)
                    if (!Matches(results[i], a.Expected[i])) return Fail(command, $"result {i} is {results[i]}, expected {a.Expected[i].Kind} {a.Expected[i].Value}");
                return true;
            }
            case AssertTrapCommand a:
                try
                {
                    if (a.Action != null) Perform(a.Action);
                    else linker.Instantiate(store, Module.FromBytes(engine, a.Module!.Encode()));
                    return Fail(command, $"no trap, expected \"{a.Message}\"");
                }
                catch (TrapException e)
                {
                    return e.Message.StartsWith(a.Message, StringComparison.Ordinal) || Fail(command, $"trap \"{e.Message}\", expected \"{a.Message}\"");
                }
            case AssertExhaustionCommand a:
                try
                {
                    Perform(a.Action);
                    return Fail(command, "no exhaustion");
                }
                catch (TrapException e) when (e.Code == TrapCode.StackOverflow)
                {
                    return true;
                }
            case AssertInvalidCommand a:
                try
                {
                    Module.FromBytes(engine, a.Module.Encode());
                    return Fail(command, $"valid, expected \"{a.Message}\"");
                }
                catch (ValidationException)
                {
                    return true;
                }
            case AssertMalformedCommand a:
                try
                {
                    Module.FromBytes(engine, a.Module.Encode());
                    return Fail(command, $"well-formed, expected \"{a.Message}\"");
                }
                catch (Exception e) when (e is DecodeException or TextParseException)
                {
                    return true;
                }
            case AssertUnlinkableCommand a:
                try
                {
                    linker.Instantiate(store, Module.FromBytes(engine, a.Module.Encode()));
                    return Fail(command, $"linked, expected \"{a.Message}\"");
                }
                catch (LinkException e)
                {
                    return e.Message.StartsWith(a.Message, StringComparison.Ordinal) || Fail(command, $"link error \"{e.Message}\", expected \"{a.Message}\"");
                }
            default:
                return Fail(command, "unsupported command");
        }
    }

    private Value[] Perform(ScriptAction action)
    {
        var instance = action.ModuleName != null ? named[action.ModuleName] : current!;
        if (!action.IsInvoke) return [instance.GetGlobal(action.Field)!.Value];
        var function = instance.GetFunction(action.Field) ?? throw new InvalidOperationException($"no function {action.Field}");
        var args = new Value[action.Arguments.Length];
        for (int i = 0; i < args.Length; i++) args[i] = ToValue(action.Arguments[i]);
        return function.Invoke(args);
    }

    private object HostReference(uint n)
    {
        if (!hostReferences.TryGetValue(n, out var reference)) hostReferences[n] = reference = new object();
        return reference;
    }

    private Value ToValue(ScriptValue value) => value.Type.Kind switch
    {
        ValueKind.I32 => Value.I32((int)value.Bits),
        ValueKind.I64 => Value.I64((long)value.Bits),
        ValueKind.F32 => Value.F32Bits((uint)value.Bits),
        ValueKind.F64 => Value.F64Bits(value.Bits),
        ValueKind.V128 => Value.V128(System.Runtime.Intrinsics.Vector128.Create(value.Lanes!)),
        _ => value.IsNull ? Value.Null(value.Type) : Value.ExternRef(HostReference(value.HostReference!.Value)),
    };

    private bool Matches(Value actual, ScriptResult expected)
    {
        switch (expected.Kind)
        {
            case ScriptResultKind.CanonicalNan:
                return actual.Type.Kind == ValueKind.F32
                    ? (actual.AsF32Bits() & 0x7FFFFFFF) == 0x7FC00000
                    : (actual.AsF64Bits() & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000;
            case ScriptResultKind.ArithmeticNan:
                return actual.Type.Kind == ValueKind.F32
                    ? (actual.AsF32Bits() & 0x7FC00000) == 0x7FC00000
                    : (actual.AsF64Bits() & 0x7FF8000000000000) == 0x7FF8000000000000;
            case ScriptResultKind.RefNull:
                return actual.IsNull;
            case ScriptResultKind.RefFunc:
                return actual.Type.IsReference && !actual.IsNull && actual.AsFunction() != null;
            case ScriptResultKind.RefExtern:
                return actual.Type.IsReference && !actual.IsNull;
            case ScriptResultKind.Either:
                foreach (var alternative in expected.Alternatives!) if (Matches(actual, alternative)) return true;
                return false;
            case ScriptResultKind.Exact:
            {
                var value = expected.Value!;
                if (value.Type.IsReference)
                    return value.IsNull ? actual.IsNull : ReferenceEquals(actual.AsExternRef(), HostReference(value.HostReference!.Value));
                return actual.Type.Kind switch
                {
                    ValueKind.I32 => (uint)actual.AsI32() == (uint)value.Bits,
                    ValueKind.I64 => (ulong)actual.AsI64() == value.Bits,
                    ValueKind.F32 => actual.AsF32Bits() == (uint)value.Bits,
                    ValueKind.F64 => actual.AsF64Bits() == value.Bits,
                    _ => false,
                };
            }
            default:
                return false;
        }
    }
}
