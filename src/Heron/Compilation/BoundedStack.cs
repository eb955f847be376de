namespace Heron.Compilation;

/// <summary>
/// The operand stack of <see cref="AddressBounds"/>. A type of Heron's own rather than a
/// <c>List&lt;BoundedValue&gt;</c>: ReadyToRun cannot compile the framework's generic code for a Heron
/// struct into Heron's image, so such a list would be left to the JIT at every start of the tool (and
/// so would <c>Array.Resize</c> or <c>Span.ToArray</c> over it: copies are written out).
/// </summary>
internal sealed class BoundedStack
{
    private BoundedValue[] items = new BoundedValue[16];

    public int Count { get; private set; }

    public BoundedValue this[int index]
    {
        get => items[index];
        set => items[index] = value;
    }

    public void Add(BoundedValue value)
    {
        items = ArrayGrowth.ToHold(items, Count);
        items[Count++] = value;
    }

    public BoundedValue Pop() => items[--Count];

    public void Truncate(int height) => Count = height;

    /// <summary>The values from <paramref name="height"/> to the top, bottom first.</summary>
    public BoundedValue[] CopyFrom(int height)
    {
        var copy = new BoundedValue[Count - height];
        for (int i = 0; i < copy.Length; i++) copy[i] = items[height + i];
        return copy;
    }

    public void AddRange(BoundedValue[] values)
    {
        foreach (var value in values) Add(value);
    }
}
