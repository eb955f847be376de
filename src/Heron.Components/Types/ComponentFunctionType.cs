namespace Heron.Components;

/// <summary>func(params) -> result: labelled parameters and at most one result.</summary>
public sealed class ComponentFunctionType(IReadOnlyList<LabeledType> parameters, ComponentValueType? result, bool isAsync = false)
    : ComponentDefinedType
{
    public IReadOnlyList<LabeledType> Parameters { get; } = parameters;
    public ComponentValueType? Result { get; } = result;

    /// <summary>Declared <c>async</c> (the asynchronous ABI, which Heron does not run yet).</summary>
    public bool IsAsync { get; } = isAsync;

    public override string ToString() =>
        (IsAsync ? "async " : "") + "func(" + string.Join(", ", Parameters.Select(p => $"{p.Label}: {p.Type}")) + ")"
        + (Result == null ? "" : $" -> {Result}");
}
