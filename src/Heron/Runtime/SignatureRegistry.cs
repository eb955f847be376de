namespace Heron.Runtime;

/// <summary>
/// Gives each distinct function type of an engine one integer id (like Wasmtime's shared signature
/// index), so that call_indirect checks a callee's type with one integer compare, across modules.
/// </summary>
internal sealed class SignatureRegistry
{
    private readonly Dictionary<FunctionType, int> ids = new();
    private readonly List<FunctionType> types = new();
    private readonly Lock gate = new();

    public int Register(FunctionType type)
    {
        lock (gate)
        {
            if (ids.TryGetValue(type, out var id)) return id;
            id = types.Count;
            ids.Add(type, id);
            types.Add(type);
            return id;
        }
    }

    public FunctionType TypeOf(int id)
    {
        lock (gate) return types[id];
    }
}
