namespace Heron.Runtime;

/// <summary>
/// The operand stack of a constant expression. Heron's own rather than Stack&lt;WasmValue&gt;: ReadyToRun
/// cannot compile the framework's generic collections over a Heron struct ahead, and every instantiation
/// evaluates constant expressions, so that Stack's methods were JIT-compiled at each start of the tool.
/// </summary>
internal sealed class ConstantStack
{
    private WasmValue[] items = new WasmValue[4];
    private int count;

    public void Push(WasmValue value)
    {
        if (count == items.Length)
        {
            var larger = new WasmValue[items.Length * 2];
            for (int i = 0; i < count; i++) larger[i] = items[i];
            items = larger;
        }
        items[count++] = value;
    }

    public WasmValue Pop() => items[--count];
}
