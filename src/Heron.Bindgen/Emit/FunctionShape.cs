using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;

namespace Heron.Bindgen.Emit;

/// <summary>
/// How a function crosses the canonical ABI: its flat parameters (or one pointer to them in memory when there
/// are more than 16) and its flat result (or a pointer to it when it flattens to more than one value).
/// </summary>
internal sealed class FunctionShape
{
    public FunctionShape(FunctionModel function)
    {
        Function = function;
        Parameters = AbiLayout.OfFields(function.Parameters.Select(p => p.Type).ToList());
        ParametersInMemory = Parameters.FlatTypes.Count > AbiLayout.MaxFlatParameters;
        Result = function.Result is null ? null : AbiLayout.Of(function.Result);
        ResultInMemory = Result is not null && Result.FlatTypes.Count > AbiLayout.MaxFlatResults;
    }

    public FunctionModel Function { get; }

    /// <summary>All parameters as one record: their flat values and, when passed in memory, their offsets.</summary>
    public AbiLayout Parameters { get; }
    public bool ParametersInMemory { get; }
    public AbiLayout? Result { get; }
    public bool ResultInMemory { get; }

    /// <summary>The core function's parameters (the callee's side of a lift, the caller's side of a lower, less the result pointer).</summary>
    public IReadOnlyList<Flat> CoreParameters => ParametersInMemory ? [Flat.I32] : Parameters.FlatTypes;

    /// <summary>The core function's result as a lifted export returns it, or null for none.</summary>
    public Flat? CoreResult => Result is null ? null : ResultInMemory ? Flat.I32 : Result.FlatTypes[0];
}
