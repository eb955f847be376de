namespace Heron.Compilation;

/// <summary>
/// One fact of <see cref="CheckedAddresses"/>: <c>(Local + Displacement) mod 2^32 + end</c> fits in memory
/// <see cref="Memory"/>. Compared field by field, so no generic equality comparer is instantiated for it.
/// </summary>
internal readonly struct AddressKey(int memory, int local, uint displacement)
{
    public int Memory { get; } = memory;

    public int Local { get; } = local;

    public uint Displacement { get; } = displacement;

    public bool SameAs(AddressKey other) =>
        Memory == other.Memory && Local == other.Local && Displacement == other.Displacement;

    public AddressKey WithLocal(int local, uint displacement) => new(Memory, local, displacement);
}

/// <summary>
/// The facts known at one point of a function: a small table searched linearly. It holds at most
/// <see cref="CheckedAddresses"/>' limit of 64 facts, where a scan is as quick as hashing; and being
/// Heron's own non-generic type, ReadyToRun compiles it ahead, where a <c>Dictionary</c> keyed by a Heron
/// struct is left to the JIT at every start of the tool (the framework's generic code is outside the
/// version bubble ReadyToRun may compile into Heron's assembly).
/// </summary>
internal sealed class AddressFacts
{
    private AddressKey[] keys;
    private ulong[] ends;

    public AddressFacts() : this(4)
    {
    }

    private AddressFacts(int capacity)
    {
        keys = new AddressKey[capacity];
        ends = new ulong[capacity];
    }

    /// <summary>A copy of <paramref name="other"/>.</summary>
    public AddressFacts(AddressFacts other) : this(Math.Max(4, other.Count))
    {
        for (int i = 0; i < other.Count; i++)
        {
            keys[i] = other.keys[i];
            ends[i] = other.ends[i];
        }
        Count = other.Count;
    }

    public int Count { get; private set; }

    public AddressKey KeyAt(int index) => keys[index];

    public ulong EndAt(int index) => ends[index];

    public void SetEndAt(int index, ulong end) => ends[index] = end;

    /// <summary>The index of <paramref name="key"/>'s fact, or -1.</summary>
    public int IndexOf(AddressKey key)
    {
        for (int i = 0; i < Count; i++)
            if (keys[i].SameAs(key)) return i;
        return -1;
    }

    /// <summary>Sets <paramref name="key"/>'s end, adding the fact when it is new.</summary>
    public void Set(AddressKey key, ulong end)
    {
        int index = IndexOf(key);
        if (index >= 0)
        {
            ends[index] = end;
            return;
        }
        if (Count == keys.Length) Grow();
        keys[Count] = key;
        ends[Count] = end;
        Count++;
    }

    /// <summary>Removes the fact at <paramref name="index"/>; the last fact takes its place.</summary>
    public void RemoveAt(int index)
    {
        Count--;
        keys[index] = keys[Count];
        ends[index] = ends[Count];
    }

    public void Clear() => Count = 0;

    private void Grow()
    {
        var newKeys = new AddressKey[keys.Length * 2];
        var newEnds = new ulong[keys.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            newKeys[i] = keys[i];
            newEnds[i] = ends[i];
        }
        keys = newKeys;
        ends = newEnds;
    }
}
