using Heron.Components.Canon;

namespace Heron.Components.Runtime;

/// <summary>
/// An instance's table of resource handles. Index 0 is never valid, so a zero handle always traps; freed
/// slots are reused. Indices are what core code holds as its <c>i32</c> handles.
/// </summary>
internal sealed class HandleTable
{
    private const int MaxLength = (1 << 28) - 1;
    private readonly List<HandleEntry?> _entries = [null];
    private readonly Stack<int> _free = new();

    public int Add(HandleEntry entry)
    {
        if (_free.TryPop(out var index))
        {
            _entries[index] = entry;
            return index;
        }
        CanonTrap.If(_entries.Count > MaxLength, "the resource handle table is full");
        _entries.Add(entry);
        return _entries.Count - 1;
    }

    public HandleEntry Get(uint index)
    {
        if (index >= _entries.Count || _entries[(int)index] == null) throw CanonTrap.Create($"unknown handle index {index}");
        return _entries[(int)index]!;
    }

    public HandleEntry Remove(uint index)
    {
        var entry = Get(index);
        _entries[(int)index] = null;
        _free.Push((int)index);
        return entry;
    }
}
