using System.Collections;

namespace Heron;

/// <summary>
/// The read-only list <see cref="FunctionType.Parameters"/> and <see cref="FunctionType.Results"/> hand out. A
/// class of Heron's own rather than the array itself: reading an array through <c>IReadOnlyList&lt;T&gt;</c> runs
/// the framework's generic array helpers, which ReadyToRun cannot compile for a Heron struct, so every start of
/// the tool JIT-compiled them (count, indexer, enumerator, copy). These methods are compiled ahead with Heron.
/// </summary>
internal sealed class ValueTypeList(ValueType[] items) : IReadOnlyList<ValueType>
{
    public ValueType this[int index] => items[index];

    public int Count => items.Length;

    public IEnumerator<ValueType> GetEnumerator() => new Enumerator(items);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(ValueType[] items) : IEnumerator<ValueType>
    {
        private int index = -1;

        public ValueType Current => items[index];

        object IEnumerator.Current => Current;

        public bool MoveNext() => ++index < items.Length;

        public void Reset() => index = -1;

        public void Dispose()
        {
        }
    }
}
