using System.Runtime.Intrinsics;

namespace Heron.Fuzz.Differential;

/// <summary>Runs a case in Heron and records what it saw. Any exception that is not a <see cref="WasmException"/>
/// escapes: that is a crash, which the caller reports.</summary>
internal static class HeronSide
{
    public static Observation Run(Engine engine, Module module, IReadOnlyList<ExportCall> calls, bool opaqueExternref = false)
    {
        var observation = new Observation();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        foreach (var import in module.Imports)
        {
            // Imported globals (binaryen's __fuzz_import.*) hold their type's default value.
            if (import is { Kind: ExternKind.Global, GlobalType: { } globalType })
                linker.Define(import.Module, import.Name, new Global(store, globalType, Value.Default(globalType.ValueType)));
            if (import.Kind != ExternKind.Function || import.FunctionType is null) continue;
            var type = import.FunctionType;
            var label = $"host {import.Module}.{import.Name}";
            linker.DefineFunction(import.Module, import.Name, type, (_, args) =>
            {
                var parts = new string[args.Length];
                for (var i = 0; i < args.Length; i++) parts[i] = RenderArgument(args[i], opaqueExternref);
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
        catch (ThrownException)
        {
            observation.Add("instantiate: exception");
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
                observation.Add($"call {call} -> {string.Join(", ", results.Select(r => Render(r, opaqueExternref)))}");
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
            catch (ThrownException)
            {
                observation.Add($"call {call} -> exception");
            }
        }

        var types = module.Exports.ToDictionary(e => e.Name);
        foreach (var (name, item) in instance.Exports)
        {
            if (!ExportReadable(types[name])) continue;
            switch (item)
            {
                case Memory memory when types[name].MemoryType!.Value.Shared:
                    // Wasmtime's .NET API cannot return a shared memory, so its bytes are compared from inside: the
                    // own generator exports a function hashing the memory (OwnGenerator.Threads), called last.
                    observation.Add($"memory {name}: shared");
                    break;
                case Memory memory:
                    observation.Add($"memory {name}: {memory.Pages} pages, {StateHash.Of(memory.Span)}");
                    break;
                case Global global:
                    if (IsUnwrappable(global.Value)) observation.Hidden.Add(name);
                    observation.Add($"global {name}: {(IsUnwrappable(global.Value) ? "x" : Render(global.Value, opaqueExternref))}");
                    break;
                case Table table:
                    var elements = new List<string>();
                    for (uint i = 0; i < Math.Min(table.Size, 4096u); i++)
                    {
                        var element = table.Get(i);
                        if (IsUnwrappable(element)) observation.Hidden.Add($"{name}:{i}");
                        elements.Add(IsUnwrappable(element) ? "x" : ValueText.Element(element.IsNull, element.Type.Heap != HeapType.Func, opaqueExternref));
                    }
                    observation.Add($"table {name}: {table.Size} [{string.Concat(elements)}]");
                    break;
            }
        }
        return observation;
    }

    /// <summary>Whether both sides can read the export's state: globals and tables of types both host APIs carry.</summary>
    public static bool ExportReadable(ExportType export) => export.Kind switch
    {
        ExternKind.Global => HostValueTypes.Carries(export.GlobalType!.Value.ValueType),
        ExternKind.Table => HostValueTypes.Carries(export.TableType!.Value.ElementType),
        _ => true,
    };

    private static Value ToValue(Argument argument) => argument.Kind switch
    {
        ValueKind.I32 => Value.I32((int)argument.Bits),
        ValueKind.I64 => Value.I64((long)argument.Bits),
        ValueKind.F32 => Value.F32Bits((uint)argument.Bits),
        ValueKind.F64 => Value.F64Bits(argument.Bits),
        ValueKind.V128 => Value.V128(System.Runtime.Intrinsics.Vector128.Create(argument.V128!)),
        _ => Value.Null(argument.IsFuncRef ? ValueType.FuncRef : ValueType.ExternRef),
    };

    private static bool IsUnwrappable(Value value) => value.AsFunction() is { } function && !HostValueTypes.Carries(function.Type);

    /// <summary>A host function's function argument is shown without its null-ness: telling it in Wasmtime
    /// means wrapping the function, which aborts the process for types its .NET API does not know.</summary>
    public static string RenderArgument(Value value, bool opaqueExternref) => value.Type.IsReference && value.Type.Heap == HeapType.Func ? "funcref" : Render(value, opaqueExternref);

    public static string Render(Value value, bool opaqueExternref)
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
                return value.Type.Heap == HeapType.Func ? ValueText.Ref("funcref", value.IsNull) : ValueText.ExternRef(value.IsNull, opaqueExternref);
        }
    }
}
