namespace Heron.Components.Canon;

/// <summary>
/// How a component function's parameters and result travel as core values: flat up to 16 parameter values
/// and one result value, through memory past that (the parameters as one tuple behind a pointer, the result
/// behind a pointer the lifted function returns or the lowered function is given as its last argument).
/// </summary>
internal sealed class FlatSignature
{
    public const int MaxFlatParams = 16;
    public const int MaxFlatResults = 1;

    public FlatSignature(ComponentFunctionType type)
    {
        Type = type;
        var count = 0;
        foreach (var p in type.Parameters) count += p.Type.Layout.Flat.Count;
        FlatParameterCount = count;
        ParametersInMemory = count > MaxFlatParams;
        ResultInMemory = type.Result != null && type.Result.Layout.Flat.Count > MaxFlatResults;
        ParameterTuple = new TupleType(type.Parameters.Select(p => p.Type).ToArray());
    }

    public ComponentFunctionType Type { get; }
    public int FlatParameterCount { get; }
    public bool ParametersInMemory { get; }
    public bool ResultInMemory { get; }

    /// <summary>The parameters as one tuple: how they are laid out in memory when passed through it.</summary>
    public TupleType ParameterTuple { get; }

    /// <summary>The core function type a lift expects of its core function.</summary>
    public FunctionType LiftCoreType()
    {
        var parameters = ParametersInMemory ? [ValueType.I32] : FlatParameters();
        var results = Type.Result == null ? []
            : ResultInMemory ? [ValueType.I32]
            : Type.Result.Layout.Flat.Select(ToCore).ToArray();
        return new FunctionType(parameters, results);
    }

    /// <summary>The core function type of a lowered function: flat parameters (or a pointer), and a result pointer past one flat result.</summary>
    public FunctionType LowerCoreType()
    {
        var parameters = ParametersInMemory ? [ValueType.I32] : FlatParameters().ToList();
        ValueType[] results = [];
        if (Type.Result != null)
        {
            if (ResultInMemory) parameters.Add(ValueType.I32);
            else results = Type.Result.Layout.Flat.Select(ToCore).ToArray();
        }
        return new FunctionType(parameters.ToArray(), results);
    }

    private ValueType[] FlatParameters() => Type.Parameters.SelectMany(p => p.Type.Layout.Flat).Select(ToCore).ToArray();

    public static ValueType ToCore(FlatType flat) => flat switch
    {
        FlatType.I32 => ValueType.I32,
        FlatType.I64 => ValueType.I64,
        FlatType.F32 => ValueType.F32,
        _ => ValueType.F64,
    };
}
