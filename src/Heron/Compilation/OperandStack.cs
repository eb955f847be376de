namespace Heron.Compilation;

/// <summary>
/// The WebAssembly operand stack as the compiler tracks it while the values live on the CIL stack: each
/// slot's type, and where its value came from as far as bounds checks care (<see cref="AddressSource"/>).
/// Every change goes through here, so a slot's source can never outlive its value: a slot pushed by
/// any other means starts unknown, and assigning a local forgets every slot that held its value. An
/// instruction that computes a value must therefore pop its operands and push its result, never leave
/// an operand's slot in place as the result (select and memory.grow once did, and the first operand's
/// source let an access at the other operand's address skip its check).
/// </summary>
internal sealed class OperandStack
{
    /// <summary>Sources are kept for this many slots from the bottom, which bounds the work of <see cref="Forget"/>.</summary>
    private const int TrackedSlots = 256;

    private readonly List<ValueType> types = new();
    private readonly List<AddressSource> sources = new();

    public int Count => types.Count;

    public ValueType this[int index] => types[index];

    public void Add(ValueType type)
    {
        types.Add(type);
        sources.Add(AddressSource.Unknown);
    }

    public void AddRange(IEnumerable<ValueType> values)
    {
        foreach (var type in values) Add(type);
    }

    public void RemoveRange(int index, int count)
    {
        types.RemoveRange(index, count);
        sources.RemoveRange(index, count);
    }

    public List<ValueType> GetRange(int index, int count) => types.GetRange(index, count);

    public ValueType[] ToArray() => types.ToArray();

    /// <summary>Where the value <paramref name="fromTop"/> slots below the top came from.</summary>
    public AddressSource SourceAt(int fromTop) =>
        fromTop < sources.Count ? sources[sources.Count - 1 - fromTop] : AddressSource.Unknown;

    /// <summary>Records where the top value came from (the instruction that pushed it knows).</summary>
    public void SetTopSource(AddressSource source)
    {
        if (sources.Count > 0 && sources.Count <= TrackedSlots) sources[^1] = source;
    }

    /// <summary>The top <paramref name="count"/> slots may hold other values from now on (a loop's parameters): their sources are unknown.</summary>
    public void ForgetTop(int count)
    {
        for (int i = Math.Max(0, sources.Count - count); i < sources.Count; i++) sources[i] = AddressSource.Unknown;
    }

    /// <summary><paramref name="local"/> is assigned: no slot holds its value any more.</summary>
    public void Forget(int local)
    {
        var tracked = Math.Min(sources.Count, TrackedSlots);
        for (int i = 0; i < tracked; i++)
            if (sources[i].Local == local) sources[i] = AddressSource.Unknown;
    }

    /// <summary>The whole stack, sources included, to put back with <see cref="Restore"/>.</summary>
    public (ValueType[] Types, AddressSource[] Sources) Save() => (types.ToArray(), sources.ToArray());

    /// <summary>
    /// Puts back a <see cref="Save"/>d stack: after a branch, the path that did not take it still holds
    /// exactly the values it held before (no local was assigned in between).
    /// </summary>
    public void Restore((ValueType[] Types, AddressSource[] Sources) saved)
    {
        types.Clear();
        types.AddRange(saved.Types);
        sources.Clear();
        sources.AddRange(saved.Sources);
    }
}
