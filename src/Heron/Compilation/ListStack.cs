namespace Heron.Compilation;

/// <summary>
/// A <see cref="List{T}"/> of ints used as a stack. The framework compiles List&lt;int&gt; ahead in its own
/// image, while Stack&lt;int&gt; is JIT-compiled at every start of the ReadyToRun tool.
/// </summary>
internal static class ListStack
{
    public static int PopLast(this List<int> stack)
    {
        var last = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return last;
    }
}
