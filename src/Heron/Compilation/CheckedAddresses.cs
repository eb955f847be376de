using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// Bounds checks the compiler can leave out. An access whose address is a local's value proves, once
/// its check has passed, that <c>local + offset + size</c> fits in the memory; memories never shrink, so
/// while the local keeps that value, a later access through it that ends no further needs no check.
/// Facts flow along the structured control flow: what held when a block, <c>if</c> or loop was entered
/// holds inside it (a loop drops those about the locals its body assigns, found by a scan of the body
/// before compiling it, as the body may change them before branching back) and after it, minus the
/// locals assigned inside; what was learnt inside is forgotten at its end. LLVM
/// reads and writes struct fields through one pointer local with memarg offsets, so this removes a good
/// part of the checks (and of the JIT's work on them) without changing when any access traps.
/// </summary>
internal sealed class CheckedAddresses
{
    /// <summary>Above this many facts new ones are not recorded (keeps the per-block copies small).</summary>
    private const int MaxFacts = 64;

    private sealed class Frame(Dictionary<(int Memory, int Local), ulong> entry)
    {
        public Dictionary<(int Memory, int Local), ulong> Entry { get; } = entry;
        public HashSet<int>? Assigned { get; set; }
    }

    private Dictionary<(int Memory, int Local), ulong> facts = new();
    private readonly List<Frame> frames = new();
    private readonly Dictionary<int, HashSet<int>> loopAssignments;

    /// <param name="loopAssignments">The locals each loop assigns, by the loop instruction's offset (<see cref="BodyScan"/>).</param>
    public CheckedAddresses(Dictionary<int, HashSet<int>> loopAssignments) => this.loopAssignments = loopAssignments;

    /// <summary>True when an access of memory <paramref name="memory"/> at <paramref name="local"/> + <paramref name="end"/> is known to fit.</summary>
    public bool Covers(int memory, int local, ulong end) =>
        facts.TryGetValue((memory, local), out var known) && end <= known;

    /// <summary>An access at <paramref name="local"/> + <paramref name="end"/> was checked: it fits from here on.</summary>
    public void Learn(int memory, int local, ulong end)
    {
        if (facts.TryGetValue((memory, local), out var known)) { if (end > known) facts[(memory, local)] = end; }
        else if (facts.Count < MaxFacts) facts[(memory, local)] = end;
    }

    /// <summary><paramref name="local"/> gets a new value: nothing known about it holds any more.</summary>
    public void Assign(int local)
    {
        if (facts.Count > 0)
            foreach (var key in facts.Keys)
                if (key.Local == local) facts.Remove(key);
        if (frames.Count > 0) (frames[^1].Assigned ??= new HashSet<int>()).Add(local);
    }

    /// <summary>A block, loop or <c>if</c> begins (after its instruction, at <paramref name="offset"/>, was compiled).</summary>
    public void Enter(Opcode kind, int offset)
    {
        frames.Add(new Frame(new Dictionary<(int, int), ulong>(facts)));
        if (kind != Opcode.Loop) return;
        if (!loopAssignments.TryGetValue(offset, out var assigned)) facts.Clear();
        else
            foreach (var key in facts.Keys)
                if (assigned.Contains(key.Local)) facts.Remove(key);
    }

    /// <summary>The <c>else</c> arm starts from what held when the <c>if</c> was entered.</summary>
    public void Else()
    {
        if (frames.Count == 0) return;
        facts = new Dictionary<(int, int), ulong>(frames[^1].Entry);
    }

    /// <summary>A block, loop or <c>if</c> ends: what held at its entry, minus the locals assigned inside.</summary>
    public void Exit()
    {
        if (frames.Count == 0) return;
        var frame = frames[^1];
        frames.RemoveAt(frames.Count - 1);
        facts = frame.Entry;
        if (frame.Assigned is not { } assigned) return;
        foreach (var local in assigned)
        {
            foreach (var key in facts.Keys)
                if (key.Local == local) facts.Remove(key);
            if (frames.Count > 0) (frames[^1].Assigned ??= new HashSet<int>()).Add(local);
        }
    }
}
