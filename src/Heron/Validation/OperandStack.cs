namespace Heron.Validation;

/// <summary>
/// The value types on the operand stack while a body is validated. A growable array reused across
/// functions, so that validating allocates only when a function needs more room than any before it.
/// </summary>
internal sealed class OperandStack
{
    private ValueType[] items = new ValueType[64];

    public int Count { get; private set; }

    /// <summary>The highest <see cref="Count"/> since the last <see cref="Reset"/>.</summary>
    public int MaxCount { get; private set; }

    public void Reset()
    {
        Count = 0;
        MaxCount = 0;
    }

    public void Push(ValueType type)
    {
        if (Count == items.Length) Grow();
        items[Count++] = type;
        if (Count > MaxCount) MaxCount = Count;
    }

    public ValueType Pop() => items[--Count];

    public ValueType Peek() => items[Count - 1];

    /// <summary>Drops values down to <paramref name="height"/> (the stack of an unreachable frame is thrown away).</summary>
    public void Truncate(int height) => Count = height;

    // Copied by hand: Array.Resize over a Heron struct is framework generic code that every start would JIT.
    private void Grow()
    {
        var larger = new ValueType[items.Length * 2];
        for (int i = 0; i < Count; i++) larger[i] = items[i];
        items = larger;
    }
}
