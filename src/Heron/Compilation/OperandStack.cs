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

    /// <summary>One operand: its type, and where its value came from.</summary>
    public readonly record struct Slot(ValueType Type, AddressSource Source);

    private readonly List<Slot> slots = new();

    public int Count => slots.Count;

    public ValueType this[int index] => slots[index].Type;

    public void Add(ValueType type) => slots.Add(new Slot(type, AddressSource.Unknown));

    public void AddRange(IEnumerable<ValueType> values)
    {
        foreach (var type in values) Add(type);
    }

    public void RemoveRange(int index, int count) => slots.RemoveRange(index, count);

    public List<ValueType> GetRange(int index, int count) => slots.GetRange(index, count).ConvertAll(slot => slot.Type);

    /// <summary>Where the value <paramref name="fromTop"/> slots below the top came from.</summary>
    public AddressSource SourceAt(int fromTop) =>
        fromTop < slots.Count ? slots[^(fromTop + 1)].Source : AddressSource.Unknown;

    /// <summary>Records where the top value came from (the instruction that pushed it knows).</summary>
    public void SetTopSource(AddressSource source)
    {
        if (slots.Count > 0 && slots.Count <= TrackedSlots) slots[^1] = slots[^1] with { Source = source };
    }

    /// <summary>The top <paramref name="count"/> slots may hold other values from now on (a loop's parameters): their sources are unknown.</summary>
    public void ForgetTop(int count)
    {
        for (int i = Math.Max(0, slots.Count - count); i < slots.Count; i++) slots[i] = slots[i] with { Source = AddressSource.Unknown };
    }

    /// <summary><paramref name="local"/> is assigned: no slot holds its value any more.</summary>
    public void Forget(int local)
    {
        var tracked = Math.Min(slots.Count, TrackedSlots);
        for (int i = 0; i < tracked; i++)
            if (slots[i].Source.Local == local) slots[i] = slots[i] with { Source = AddressSource.Unknown };
    }

    /// <summary>The whole stack, sources included, to put back with <see cref="Restore"/>.</summary>
    public Slot[] Save() => slots.ToArray();

    /// <summary>
    /// Puts back a <see cref="Save"/>d stack: after a branch, the path that did not take it still holds
    /// exactly the values it held before (no local was assigned in between).
    /// </summary>
    public void Restore(Slot[] saved)
    {
        slots.Clear();
        slots.AddRange(saved);
    }
}
