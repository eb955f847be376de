namespace Heron.Validation;

/// <summary>
/// The <see cref="StackShape"/> before each instruction of a body, in order. A list of Heron's own: a
/// <c>List&lt;StackShape&gt;</c> shares <c>List&lt;byte&gt;</c>'s code, which the framework's ReadyToRun image does
/// not hold, so it was JIT-compiled at the start of every run that split a function.
/// </summary>
internal sealed class StackShapeList
{
    private StackShape[] items = new StackShape[256];

    public int Count { get; private set; }

    public StackShape this[int index] => (uint)index < (uint)Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(StackShape shape)
    {
        items = ArrayGrowth.ToHold(items, Count);
        items[Count++] = shape;
    }
}
