namespace Heron.Validation;

/// <summary>
/// The control frames of the body being validated, innermost last. An explicit stack (not recursion) so
/// that any nesting depth validates without growing the host's call stack.
/// </summary>
internal sealed class ControlStack
{
    private ControlFrame[] frames = new ControlFrame[16];

    public int Count { get; private set; }

    public int MaxCount { get; private set; }

    public void Reset()
    {
        Count = 0;
        MaxCount = 0;
    }

    public ref ControlFrame Top => ref frames[Count - 1];

    /// <summary>The frame <paramref name="depth"/> labels out (0 is the innermost).</summary>
    public ref ControlFrame Label(int depth) => ref frames[Count - 1 - depth];

    public void Push(in ControlFrame frame)
    {
        if (Count == frames.Length) Grow();
        frames[Count++] = frame;
        if (Count > MaxCount) MaxCount = Count;
    }

    public ControlFrame Pop() => frames[--Count];

    // Copied by hand: Array.Resize over a Heron struct is framework generic code that every start would JIT.
    private void Grow()
    {
        var larger = new ControlFrame[frames.Length * 2];
        for (int i = 0; i < Count; i++) larger[i] = frames[i];
        frames = larger;
    }
}
