using WT = Wasmtime;

namespace Heron.Fuzz.Hostile;

/// <summary>
/// Feeds one input to decode, validate, compile, instantiate and run. Anything other than a
/// <see cref="WasmException"/> escapes to the caller as a crash. Whether a module terminates is asked of
/// Wasmtime with fuel first, since a mutated module may loop forever by right.
/// </summary>
internal sealed class HostileExecutor : IDisposable
{
    private const ulong Fuel = 2_000_000;

    private readonly Engine heron = new();
    private readonly WT.Engine wasmtime = Differential.WasmtimeSide.CreateEngine(fuel: true);

    public HostileOutcome Execute(byte[] input)
    {
        Module module;
        try
        {
            module = Module.FromBytes(heron, input);
        }
        catch (WasmException)
        {
            return HostileOutcome.Rejected;
        }
        if (module.Imports.Any(i => i.Kind != ExternKind.Function)) return HostileOutcome.CompiledOnly;
        var terminates = TerminatesInWasmtime(input, module);
        if (terminates == null) return HostileOutcome.CompiledOnly;
        if (terminates == false) return HostileOutcome.NonTerminating;

        using var store = new Store(heron);
        var linker = new Linker(heron);
        var defined = new HashSet<(string, string)>();
        foreach (var import in module.Imports)
        {
            if (!defined.Add((import.Module, import.Name))) continue;
            var type = import.FunctionType!;
            linker.DefineFunction(import.Module, import.Name, type, (_, _) => type.Results.Select(Value.Default).ToArray());
        }
        Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
        }
        catch (WasmException)
        {
            return HostileOutcome.Ran;
        }
        foreach (var (_, item) in instance.Exports)
        {
            if (item is not Function function) continue;
            try
            {
                function.Invoke(function.Type.Parameters.Select(Value.Default).ToArray());
            }
            catch (TrapException)
            {
            }
        }
        return HostileOutcome.Ran;
    }

    /// <summary>True when Wasmtime instantiates the module and calls every export within the fuel; false when it
    /// runs out; null when Wasmtime will not compile or link it.</summary>
    private bool? TerminatesInWasmtime(byte[] input, Module module)
    {
        WT.Module compiled;
        try
        {
            compiled = WT.Module.FromBytes(wasmtime, "hostile", input);
        }
        catch (WT.WasmtimeException)
        {
            return null;
        }
        using (compiled)
        using (var store = new WT.Store(wasmtime))
        using (var linker = new WT.Linker(wasmtime))
        {
            store.Fuel = Fuel;
            var defined = new HashSet<(string, string)>();
            foreach (var import in module.Imports)
            {
                if (!defined.Add((import.Module, import.Name))) continue;
                var type = import.FunctionType!;
                linker.DefineFunction(import.Module, import.Name, (WT.Caller _, ReadOnlySpan<WT.ValueBox> _, Span<WT.ValueBox> results) =>
                {
                    for (var i = 0; i < results.Length; i++) results[i] = Box(type.Results[i]);
                }, type.Parameters.Select(Kind).ToArray(), type.Results.Select(Kind).ToArray());
            }
            WT.Instance instance;
            try
            {
                instance = linker.Instantiate(store, compiled);
            }
            catch (WT.TrapException e) when (e.Type == WT.TrapCode.OutOfFuel)
            {
                return false;
            }
            catch (WT.WasmtimeException)
            {
                return true;
            }
            foreach (var (_, function) in instance.GetFunctions())
            {
                try
                {
                    function.Invoke(function.Parameters.Select(DefaultBox).ToArray());
                }
                catch (WT.TrapException e) when (e.Type == WT.TrapCode.OutOfFuel)
                {
                    return false;
                }
                catch (WT.WasmtimeException)
                {
                }
            }
            return true;
        }
    }

    private static WT.ValueKind Kind(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => WT.ValueKind.Int32,
        ValueKind.I64 => WT.ValueKind.Int64,
        ValueKind.F32 => WT.ValueKind.Float32,
        ValueKind.F64 => WT.ValueKind.Float64,
        ValueKind.V128 => WT.ValueKind.V128,
        _ => type.Heap == HeapType.Func ? WT.ValueKind.FuncRef : WT.ValueKind.ExternRef,
    };

    private static WT.ValueBox Box(ValueType type) => DefaultBox(Kind(type));

    private static WT.ValueBox DefaultBox(WT.ValueKind kind) => kind switch
    {
        WT.ValueKind.Int32 => 0,
        WT.ValueKind.Int64 => 0L,
        WT.ValueKind.Float32 => 0f,
        WT.ValueKind.Float64 => 0d,
        WT.ValueKind.V128 => new WT.V128(new byte[16]),
        WT.ValueKind.FuncRef => WT.Function.Null,
        _ => WT.ValueBox.AsBox<object>(null),
    };

    public void Dispose() => wasmtime.Dispose();
}
