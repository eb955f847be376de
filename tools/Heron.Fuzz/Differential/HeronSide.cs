using System.Runtime.Intrinsics;

namespace Heron.Fuzz.Differential;

/// <summary>Runs a case in Heron and records what it saw. Any exception that is not a <see cref="WasmException"/>
/// escapes: that is a crash, which the caller reports.</summary>
internal static class HeronSide
{
    public static Observation Run(Engine engine, Module module, IReadOnlyList<ExportCall> calls)
    {
        var observation = new Observation();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        foreach (var import in module.Imports)
        {
            if (import.Kind != ExternKind.Function || import.FunctionType is null) continue;
            var type = import.FunctionType;
            var label = $"host {import.Module}.{import.Name}";
            linker.DefineFunction(import.Module, import.Name, type, (_, args) =>
            {
                var parts = new string[args.Length];
                for (var i = 0; i < args.Length; i++) parts[i] = Render(args[i]);
                observation.Add($"{label}({string.Join(", ", parts)})");
                var results = new Value[type.Results.Count];
                for (var i = 0; i < results.Length; i++) results[i] = Value.Default(type.Results[i]);
                return results;
            });
        }

        Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
            observation.Add("instantiate: ok");
        }
        catch (TrapException trap)
        {
            observation.Add($"instantiate: trap {TrapNames.Of(trap.Code)}");
            observation.Exhausted = trap.Code == TrapCode.StackOverflow;
            return observation;
        }
        catch (WasmException)
        {
            observation.Add("instantiate: error");
            return observation;
        }

        var reset = instance.GetFunction(CallPlan.HangLimitReset);
        foreach (var call in calls)
        {
            var function = instance.GetFunction(call.Name)!;
            var args = new Value[call.Arguments.Length];
            for (var i = 0; i < args.Length; i++) args[i] = ToValue(call.Arguments[i]);
            try
            {
                reset?.Invoke();
                var results = function.Invoke(args);
                observation.Add($"call {call} -> {string.Join(", ", results.Select(Render))}");
            }
            catch (TrapException trap)
            {
                observation.Add($"call {call} -> trap {TrapNames.Of(trap.Code)}");
                if (trap.Code == TrapCode.StackOverflow)
                {
                    observation.Exhausted = true;
                    return observation;
                }
            }
        }

        foreach (var (name, item) in instance.Exports)
        {
            switch (item)
            {
                case Memory memory:
                    observation.Add($"memory {name}: {memory.Pages} pages, {StateHash.Of(memory.Span)}");
                    break;
                case Global global:
                    observation.Add($"global {name}: {Render(global.Value)}");
                    break;
                case Table table:
                    var elements = new List<string>();
                    for (uint i = 0; i < Math.Min(table.Size, 4096u); i++) elements.Add(table.Get(i).IsNull ? "0" : "1");
                    observation.Add($"table {name}: {table.Size} [{string.Concat(elements)}]");
                    break;
            }
        }
        return observation;
    }

    private static Value ToValue(Argument argument) => argument.Kind switch
    {
        ValueKind.I32 => Value.I32((int)argument.Bits),
        ValueKind.I64 => Value.I64((long)argument.Bits),
        ValueKind.F32 => Value.F32Bits((uint)argument.Bits),
        ValueKind.F64 => Value.F64Bits(argument.Bits),
        ValueKind.V128 => Value.V128(System.Runtime.Intrinsics.Vector128.Create(argument.V128!)),
        _ => Value.Null(argument.IsFuncRef ? ValueType.FuncRef : ValueType.ExternRef),
    };

    public static string Render(Value value)
    {
        switch (value.Type.Kind)
        {
            case ValueKind.I32: return ValueText.I32(value.AsI32());
            case ValueKind.I64: return ValueText.I64(value.AsI64());
            case ValueKind.F32: return ValueText.F32(value.AsF32Bits());
            case ValueKind.F64: return ValueText.F64(value.AsF64Bits());
            case ValueKind.V128:
                Span<byte> bytes = stackalloc byte[16];
                value.AsV128().CopyTo(bytes);
                return ValueText.V128(bytes);
            default:
                return ValueText.Ref(value.Type.Heap == HeapType.Func ? "funcref" : "externref", value.IsNull);
        }
    }
}
