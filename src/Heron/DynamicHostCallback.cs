namespace Heron;

/// <summary>The target of a host function defined by a type and a callback over <see cref="Value"/>s.</summary>
internal sealed record DynamicHostCallback(FunctionType Type, Func<Caller, ReadOnlySpan<Value>, Value[]> Callback);
