namespace Heron.Fuzz.Differential;

/// <summary>One planned call of an exported function, with the arguments both engines receive.</summary>
internal sealed record ExportCall(string Name, FunctionType Type, Argument[] Arguments)
{
    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}
