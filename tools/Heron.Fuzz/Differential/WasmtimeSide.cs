using WT = Wasmtime;

namespace Heron.Fuzz.Differential;

/// <summary>Runs a case in Wasmtime, the oracle, with host functions that behave as Heron's side does.</summary>
internal static class WasmtimeSide
{
    /// <summary>An engine with the campaign's features (WebAssembly 2.0 by default, as Heron's engine has).</summary>
    public static WT.Engine CreateEngine(FuzzFeatures? features = null, bool fuel = false) => new((features ?? FuzzFeatures.Wasm2).ConfigureWasmtime(new WT.Config())
        .WithFuelConsumption(fuel)
        .WithParallelCompilation(false)
        .WithCompilerStrategy(WT.CompilerStrategy.Cranelift));

    /// <summary>Runs the calls; <paramref name="hidden"/> is what Heron's run found unreadable here (see <see cref="Observation.Hidden"/>).</summary>
    public static Observation Run(WT.Engine engine, WT.Module module, Module heronModule, IReadOnlyList<ExportCall> calls, IReadOnlySet<string> hidden, bool opaqueExternref = false)
    {
        var observation = new Observation();
        using var store = new WT.Store(engine);
        using var linker = new WT.Linker(engine);
        foreach (var import in heronModule.Imports)
        {
            if (import is { Kind: ExternKind.Global, GlobalType: { } globalType })
            {
                var mutability = globalType.Mutable ? WT.Mutability.Mutable : WT.Mutability.Immutable;
                linker.Define(import.Module, import.Name, new WT.Global(store, KindOf(globalType.ValueType), DefaultObject(globalType.ValueType), mutability));
            }
            if (import.Kind != ExternKind.Function || import.FunctionType is null) continue;
            var type = import.FunctionType;
            var label = $"host {import.Module}.{import.Name}";
            var parameterKinds = type.Parameters.Select(KindOf).ToArray();
            var resultKinds = type.Results.Select(KindOf).ToArray();
            linker.DefineFunction(import.Module, import.Name, (WT.Caller _, ReadOnlySpan<WT.ValueBox> args, Span<WT.ValueBox> results) =>
            {
                var parts = new string[args.Length];
                for (var i = 0; i < args.Length; i++) parts[i] = RenderBox(args[i], type.Parameters[i], opaqueExternref);
                observation.Add($"{label}({string.Join(", ", parts)})");
                for (var i = 0; i < results.Length; i++) results[i] = DefaultBox(type.Results[i]);
            }, parameterKinds, resultKinds);
        }

        WT.Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
            observation.Add("instantiate: ok");
        }
        catch (WT.WasmtimeException e) when (IsUncaughtException(e))
        {
            observation.Add("instantiate: exception");
            return observation;
        }
        catch (WT.TrapException trap)
        {
            var name = TrapNames.Of(trap.Type);
            observation.Add($"instantiate: trap {name}");
            observation.Exhausted = name == TrapNames.Exhaustion;
            return observation;
        }
        catch (WT.WasmtimeException)
        {
            observation.Add("instantiate: error");
            return observation;
        }

        var reset = instance.GetFunction(CallPlan.HangLimitReset);
        foreach (var call in calls)
        {
            var function = instance.GetFunction(call.Name)!;
            var args = new WT.ValueBox[call.Arguments.Length];
            for (var i = 0; i < args.Length; i++) args[i] = ToBox(call.Arguments[i]);
            try
            {
                reset?.Invoke();
                var result = function.Invoke(args);
                observation.Add($"call {call} -> {RenderResults(result, call.Type.Results, opaqueExternref)}");
            }
            catch (WT.TrapException e) when (IsUncaughtException(e))
            {
                // A WebAssembly exception no frame caught: the .NET API tells no more than that.
                observation.Add($"call {call} -> exception");
            }
            catch (WT.TrapException trap)
            {
                var name = TrapNames.Of(trap.Type);
                observation.Add($"call {call} -> trap {name}");
                if (name == TrapNames.Exhaustion)
                {
                    observation.Exhausted = true;
                    return observation;
                }
            }
        }

        foreach (var export in heronModule.Exports)
        {
            if (!HeronSide.ExportReadable(export)) continue;
            switch (export.Kind)
            {
                case ExternKind.Memory when export.MemoryType!.Value.Shared:
                    // Wasmtime's .NET API does not return shared memories (GetMemory gives null): see HeronSide.
                    observation.Add($"memory {export.Name}: shared");
                    break;
                case ExternKind.Memory:
                    var memory = instance.GetMemory(export.Name)!;
                    observation.Add($"memory {export.Name}: {memory.GetSize()} pages, {StateHash.Of(Span(memory))}");
                    break;
                case ExternKind.Global:
                    var global = instance.GetGlobal(export.Name)!;
                    observation.Add($"global {export.Name}: {(hidden.Contains(export.Name) ? "x" : RenderObject(global.GetValue(), export.GlobalType!.Value.ValueType, opaqueExternref))}");
                    break;
                case ExternKind.Table:
                    var table = instance.GetTable(export.Name)!;
                    var size = (uint)table.GetSize();
                    var elements = new List<string>();
                    var isExtern = export.TableType!.Value.ElementType.Heap != HeapType.Func;
                    for (uint i = 0; i < Math.Min(size, 4096u); i++)
                        elements.Add(hidden.Contains($"{export.Name}:{i}") ? "x" : ValueText.Element(IsNullRef(table.GetElement(i)), isExtern, opaqueExternref));
                    observation.Add($"table {export.Name}: {size} [{string.Concat(elements)}]");
                    break;
            }
        }
        return observation;
    }

    /// <summary>Wasmtime reports a WebAssembly exception that no frame caught as a trap without a code from a
    /// call, and as a plain error from instantiation (a start function's).</summary>
    private static bool IsUncaughtException(WT.WasmtimeException e) =>
        (e is not WT.TrapException trap || trap.Type == WT.TrapCode.Undefined) && e.Message.Contains("thrown Wasm exception", StringComparison.Ordinal);

    private static unsafe ReadOnlySpan<byte> Span(WT.Memory memory)
    {
        var length = memory.GetLength();
        return length == 0 ? default : new ReadOnlySpan<byte>((void*)memory.GetPointer(), checked((int)length));
    }

    private static WT.ValueKind KindOf(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => WT.ValueKind.Int32,
        ValueKind.I64 => WT.ValueKind.Int64,
        ValueKind.F32 => WT.ValueKind.Float32,
        ValueKind.F64 => WT.ValueKind.Float64,
        ValueKind.V128 => WT.ValueKind.V128,
        _ => type.Heap == HeapType.Func ? WT.ValueKind.FuncRef : WT.ValueKind.ExternRef,
    };

    private static WT.ValueBox ToBox(Argument argument) => argument.Kind switch
    {
        ValueKind.I32 => (int)argument.Bits,
        ValueKind.I64 => (long)argument.Bits,
        ValueKind.F32 => BitConverter.UInt32BitsToSingle((uint)argument.Bits),
        ValueKind.F64 => BitConverter.UInt64BitsToDouble(argument.Bits),
        ValueKind.V128 => new WT.V128(argument.V128),
        _ => argument.IsFuncRef ? WT.Function.Null : WT.ValueBox.AsBox<object>(null),
    };

    private static WT.ValueBox DefaultBox(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => 0,
        ValueKind.I64 => 0L,
        ValueKind.F32 => 0f,
        ValueKind.F64 => 0d,
        ValueKind.V128 => new WT.V128(new byte[16]),
        _ => type.Heap == HeapType.Func ? WT.Function.Null : WT.ValueBox.AsBox<object>(null),
    };

    private static object? DefaultObject(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => 0,
        ValueKind.I64 => 0L,
        ValueKind.F32 => 0f,
        ValueKind.F64 => 0d,
        ValueKind.V128 => new WT.V128(new byte[16]),
        _ => null,
    };

    private static string RenderBox(WT.ValueBox box, ValueType type, bool opaqueExternref) => type.Kind switch
    {
        ValueKind.I32 => ValueText.I32(box.AsInt32()),
        ValueKind.I64 => ValueText.I64(box.AsInt64()),
        ValueKind.F32 => ValueText.F32(BitConverter.SingleToUInt32Bits(box.AsSingle())),
        ValueKind.F64 => ValueText.F64(BitConverter.DoubleToUInt64Bits(box.AsDouble())),
        ValueKind.V128 => RenderV128(box.AsV128()),
        // A function argument is shown without its null-ness (see HeronSide.RenderArgument).
        _ => type.Heap == HeapType.Func ? "funcref" : ValueText.ExternRef(IsNullRef(box.As<object>()), opaqueExternref),
    };

    private static string RenderResults(object? result, IReadOnlyList<ValueType> types, bool opaqueExternref)
    {
        if (types.Count == 0) return "";
        if (types.Count == 1) return RenderObject(result, types[0], opaqueExternref);
        var values = (object?[])result!;
        return string.Join(", ", values.Select((v, i) => RenderObject(v, types[i], opaqueExternref)));
    }

    private static string RenderObject(object? value, ValueType type, bool opaqueExternref) => type.Kind switch
    {
        ValueKind.I32 => ValueText.I32((int)value!),
        ValueKind.I64 => ValueText.I64((long)value!),
        ValueKind.F32 => ValueText.F32(BitConverter.SingleToUInt32Bits((float)value!)),
        ValueKind.F64 => ValueText.F64(BitConverter.DoubleToUInt64Bits((double)value!)),
        ValueKind.V128 => RenderV128((WT.V128)value!),
        _ => type.Heap == HeapType.Func ? ValueText.Ref("funcref", IsNullRef(value)) : ValueText.ExternRef(IsNullRef(value), opaqueExternref),
    };

    private static string RenderV128(WT.V128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.CopyTo(bytes);
        return ValueText.V128(bytes);
    }

    private static bool IsNullRef(object? value) => value is null || value is WT.Function { IsNull: true };
}
