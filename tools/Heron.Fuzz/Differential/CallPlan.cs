namespace Heron.Fuzz.Differential;

/// <summary>What a case does with an instance: which exports it calls, in which order, with which arguments.</summary>
internal static class CallPlan
{
    /// <summary>binaryen's translate-to-fuzz modules reset their loop and recursion budget through this export;
    /// it is called before every other call, as binaryen's own harness does, and not recorded.</summary>
    public const string HangLimitReset = "hangLimitInitializer";

    public static List<ExportCall> Build(Module module, int seed) => Build(module, seed, FuzzFeatures.Wasm2);

    /// <summary>With exceptions or typed references a returned function may have a type Wasmtime's .NET API
    /// cannot wrap (it aborts the process), so exports returning funcref are not called then.</summary>
    public static List<ExportCall> Build(Module module, int seed, FuzzFeatures features)
    {
        var chooser = new ArgumentChooser(seed);
        var calls = new List<ExportCall>();
        foreach (var export in module.Exports)
        {
            if (export.Kind != ExternKind.Function || export.Name == HangLimitReset || export.FunctionType is null) continue;
            if (!HostValueTypes.Carries(export.FunctionType)) continue;
            if (features.MayHaveUnwrappableFunctions && export.FunctionType.Results.Any(r => r.IsReference && r.Heap == HeapType.Func)) continue;
            var type = export.FunctionType;
            // Every export is called twice, with different arguments: state left by the first call shows in the second.
            for (var round = 0; round < 2; round++)
            {
                var args = new Argument[type.Parameters.Count];
                for (var i = 0; i < args.Length; i++) args[i] = Choose(chooser, type.Parameters[i]);
                calls.Add(new ExportCall(export.Name, type, args));
            }
        }
        return calls;
    }

    private static Argument Choose(ArgumentChooser chooser, ValueType type) => type.Kind switch
    {
        ValueKind.I32 => new Argument(ValueKind.I32, (uint)chooser.NextI32(), null, false),
        ValueKind.I64 => new Argument(ValueKind.I64, (ulong)chooser.NextI64(), null, false),
        ValueKind.F32 => new Argument(ValueKind.F32, chooser.NextF32Bits(), null, false),
        ValueKind.F64 => new Argument(ValueKind.F64, chooser.NextF64Bits(), null, false),
        ValueKind.V128 => new Argument(ValueKind.V128, 0, chooser.NextV128(), false),
        _ => new Argument(type.Kind, 0, null, type.Heap == HeapType.Func),
    };
}
