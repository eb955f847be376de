namespace Heron.Compilation;

/// <summary>
/// The operand stack of <see cref="AddressBounds"/>. A type of Heron's own rather than a
/// <c>List&lt;BoundedValue&gt;</c>: ReadyToRun cannot compile the framework's generic code for a Heron
/// struct into Heron's image, so such a list would be left to the JIT at every start of the tool.
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
        if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
        items[Count++] = value;
    }

    public BoundedValue Pop() => items[--Count];

    public void Truncate(int height) => Count = height;

    /// <summary>The values from <paramref name="height"/> to the top, bottom first.</summary>
    public BoundedValue[] CopyFrom(int height) => items.AsSpan(height, Count - height).ToArray();

    public void AddRange(BoundedValue[] values)
    {
        foreach (var value in values) Add(value);
    }
}
