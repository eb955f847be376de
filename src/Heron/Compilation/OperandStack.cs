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

    // Heron's own growable array rather than List<Slot>: ReadyToRun cannot compile the framework's generic
    // List over a Heron struct ahead, so the installed tool would JIT its methods at every start.
    private Slot[] slots = new Slot[16];

    public int Count { get; private set; }

    public ValueType this[int index] => slots[index].Type;

    public void Add(ValueType type) => Push(new Slot(type, AddressSource.Unknown));

    public void AddRange(ValueType[] values)
    {
        foreach (var type in values) Add(type);
    }

    public void RemoveRange(int index, int count)
    {
        for (int i = index + count; i < Count; i++) slots[i - count] = slots[i];
        Count -= count;
    }

    public ValueType[] GetRange(int index, int count)
    {
        var types = new ValueType[count];
        for (int i = 0; i < count; i++) types[i] = slots[index + i].Type;
        return types;
    }

    /// <summary>Where the value <paramref name="fromTop"/> slots below the top came from.</summary>
    public AddressSource SourceAt(int fromTop) =>
        fromTop < Count ? slots[Count - 1 - fromTop].Source : AddressSource.Unknown;

    /// <summary>Records where the top value came from (the instruction that pushed it knows).</summary>
    public void SetTopSource(AddressSource source)
    {
        if (Count > 0 && Count <= TrackedSlots) slots[Count - 1] = slots[Count - 1] with { Source = source };
    }

    /// <summary>The top <paramref name="count"/> slots may hold other values from now on (a loop's parameters): their sources are unknown.</summary>
    public void ForgetTop(int count)
    {
        for (int i = Math.Max(0, Count - count); i < Count; i++) slots[i] = slots[i] with { Source = AddressSource.Unknown };
    }

    /// <summary><paramref name="local"/> is assigned: no slot holds its value any more.</summary>
    public void Forget(int local)
    {
        var tracked = Math.Min(Count, TrackedSlots);
        for (int i = 0; i < tracked; i++)
            if (slots[i].Source.Local == local) slots[i] = slots[i] with { Source = AddressSource.Unknown };
    }

    /// <summary>The whole stack, sources included, to put back with <see cref="Restore"/>.</summary>
    public Slot[] Save()
    {
        var saved = new Slot[Count];
        for (int i = 0; i < Count; i++) saved[i] = slots[i];
        return saved;
    }

    /// <summary>
    /// Puts back a <see cref="Save"/>d stack: after a branch, the path that did not take it still holds
    /// exactly the values it held before (no local was assigned in between).
    /// </summary>
    public void Restore(Slot[] saved)
    {
        Count = 0;
        foreach (var slot in saved) Push(slot);
    }

    private void Push(Slot slot)
    {
        if (Count == slots.Length)
        {
            var larger = new Slot[slots.Length * 2];
            for (int i = 0; i < Count; i++) larger[i] = slots[i];
            slots = larger;
        }
        slots[Count++] = slot;
    }
}
