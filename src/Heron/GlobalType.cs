namespace Heron;

/// <summary>The type of a global: its value type and whether it may be changed.</summary>
public readonly record struct GlobalType(ValueType ValueType, bool Mutable)
{
    /// <summary>The text-format spelling.</summary>
    public override string ToString() => Mutable ? $"(mut {ValueType})" : ValueType.ToString();
}
