namespace Heron.Fuzz.Differential;

/// <summary>
/// Everything one engine did with one module, as lines of text: instantiation, each export call's result or
/// trap, host calls in the order they happened, and the final state. Two engines agree when the lines agree.
/// </summary>
internal sealed class Observation
{
    public List<string> Lines { get; } = new();

    /// <summary>Set when the engine ran out of a resource the spec leaves to the implementation (stack):
    /// the run stops there, and what follows is not compared.</summary>
    public bool Exhausted { get; set; }

    /// <summary>Table elements ("table:index") and globals ("global") holding functions whose types Wasmtime's .NET
    /// API cannot wrap (it aborts the process): Heron notes them, and neither side reads them.</summary>
    public HashSet<string> Hidden { get; } = new();

    public void Add(string line) => Lines.Add(line);

    public override string ToString() => string.Join('\n', Lines);
}
