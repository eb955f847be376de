using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// Bounds checks the compiler can leave out. An access whose address is a local's value plus a constant
/// displacement (modulo 2^32, as <c>i32.add</c> adds) proves, once its check has passed, that
/// <c>(local + displacement) mod 2^32 + offset + size</c> fits in the memory; memories never shrink, so
/// while the local keeps that value, a later access through it whose address lies at most that far
/// above the checked one needs no check (being below the memory's length, the checked address plus the
/// difference cannot wrap). Copying a local, or setting it to another local plus a constant, carries the
/// other local's facts over to it.
/// Facts flow along the structured control flow: what holds when a block, <c>if</c> or loop is entered
/// holds inside it (a loop drops those about the locals its body assigns, found by a scan of the body
/// before compiling it, as the body may change them before branching back). After a block or <c>if</c>
/// hold the facts that hold on every edge reaching its end: the fall-through, each branch to it (facts
/// as they were at the branch), and an <c>if</c>'s missing <c>else</c>; after a loop, those of its
/// fall-through. LLVM
/// reads and writes struct fields through one pointer local with memarg offsets, so this removes a good
/// part of the checks (and of the JIT's work on them) without changing when any access traps.
/// </summary>
internal sealed class CheckedAddresses
{
    /// <summary>Above this many facts new ones are not recorded (keeps the copies at branches and the searches small).</summary>
    private const int MaxFacts = 64;

    private sealed class Frame(Opcode kind, AddressFacts? entry)
    {
        public Opcode Kind { get; } = kind;

        /// <summary>An <c>if</c>'s facts at entry: where the <c>else</c> arm, or its absence, starts.</summary>
        public AddressFacts? Entry { get; } = entry;

        /// <summary>What holds on every edge seen so far that reaches the end; null while none has.</summary>
        public AddressFacts? AtEnd { get; set; }

        public bool HasElse { get; set; }
    }

    private AddressFacts facts = new();
    private readonly List<Frame> frames = new();
    private readonly Dictionary<int, HashSet<int>> loopAssignments;
    private readonly AddressFacts carried = new();

    /// <param name="loopAssignments">The locals each loop assigns, by the loop instruction's offset (<see cref="BodyScan"/>).</param>
    public CheckedAddresses(Dictionary<int, HashSet<int>> loopAssignments) => this.loopAssignments = loopAssignments;

    /// <summary>
    /// True when an access of memory <paramref name="memory"/> at <c>(<paramref name="local"/> +
    /// <paramref name="displacement"/>) mod 2^32 + <paramref name="end"/></c> is known to fit.
    /// </summary>
    public bool Covers(int memory, int local, uint displacement, ulong end) =>
        Reach(facts, new AddressKey(memory, local, displacement)) >= end;

    /// <summary>An access at <c>(<paramref name="local"/> + <paramref name="displacement"/>) mod 2^32 + <paramref name="end"/></c> was checked: it fits from here on.</summary>
    public void Learn(int memory, int local, uint displacement, ulong end)
    {
        var key = new AddressKey(memory, local, displacement);
        int index = facts.IndexOf(key);
        if (index >= 0) { if (end > facts.EndAt(index)) facts.SetEndAt(index, end); }
        else if (facts.Count < MaxFacts) facts.Set(key, end);
    }

    /// <summary>
    /// <paramref name="local"/> gets a new value, from <paramref name="value"/>: nothing known about its old
    /// value holds any more, and when the new one is another local plus a constant, what is known about
    /// that local holds for it, shifted by the constant.
    /// </summary>
    public void Assign(int local, AddressSource value)
    {
        if (facts.Count == 0) return;
        carried.Clear();
        // Backwards, as a removal moves the last fact into the removed one's place.
        for (int i = facts.Count - 1; i >= 0; i--)
        {
            var key = facts.KeyAt(i);
            if (value.IsKnown && key.Local == value.Local)
                carried.Set(key.WithLocal(local, unchecked(key.Displacement - value.Displacement)), facts.EndAt(i));
            if (key.Local == local) facts.RemoveAt(i);
        }
        for (int i = 0; i < carried.Count; i++)
            if (facts.Count < MaxFacts) facts.Set(carried.KeyAt(i), carried.EndAt(i));
    }

    /// <summary>A block, loop or <c>if</c> begins (after its instruction, at <paramref name="offset"/>, was compiled).</summary>
    public void Enter(Opcode kind, int offset)
    {
        frames.Add(new Frame(kind, kind == Opcode.If ? new AddressFacts(facts) : null));
        if (kind != Opcode.Loop) return;
        if (!loopAssignments.TryGetValue(offset, out var assigned)) facts.Clear();
        else
            for (int i = facts.Count - 1; i >= 0; i--)
                if (assigned.Contains(facts.KeyAt(i).Local)) facts.RemoveAt(i);
    }

    /// <summary>A branch to the label <paramref name="depth"/> frames out: its target's end is reached with the facts of now.</summary>
    public void Branch(int depth)
    {
        var index = frames.Count - 1 - depth;
        if (index < 0) return; // the function's own label: a return
        var frame = frames[index];
        if (frame.Kind != Opcode.Loop) frame.AtEnd = Meet(frame.AtEnd, facts);
    }

    /// <summary>
    /// A branch this class does not follow: nothing may be assumed at the end of any enclosing block. (The
    /// compiler supports br, br_if and br_table only; this keeps a new branch instruction safe by default.)
    /// </summary>
    public void UnknownBranch()
    {
        foreach (var frame in frames) frame.AtEnd = new AddressFacts();
    }

    /// <summary>The <c>else</c> arm starts from what held when the <c>if</c> was entered; the first arm's end reaches the <c>if</c>'s end.</summary>
    public void Else(bool reachable)
    {
        if (frames.Count == 0) return;
        var frame = frames[^1];
        if (reachable) frame.AtEnd = Meet(frame.AtEnd, facts);
        frame.HasElse = true;
        facts = frame.Entry is { } entry ? new AddressFacts(entry) : new AddressFacts();
    }

    /// <summary>
    /// A legacy try's <c>catch</c> or <c>catch_all</c>: the previous part's end joins the try's end, and the
    /// clause starts from wherever its body threw, perhaps before any check it made, so with nothing known.
    /// </summary>
    public void Catch(bool reachable)
    {
        if (frames.Count == 0) return;
        var frame = frames[^1];
        if (reachable) frame.AtEnd = Meet(frame.AtEnd, facts);
        facts = new();
    }

    /// <summary>A block, loop or <c>if</c> ends (<paramref name="reachable"/>: its last instruction falls through).</summary>
    public void Exit(bool reachable)
    {
        if (frames.Count == 0) return;
        var frame = frames[^1];
        frames.RemoveAt(frames.Count - 1);
        if (frame.Kind == Opcode.Loop)
        {
            if (!reachable) facts = new();
            return;
        }
        var atEnd = frame.AtEnd;
        if (reachable) atEnd = Meet(atEnd, facts);
        if (frame.Kind == Opcode.If && !frame.HasElse) atEnd = Meet(atEnd, frame.Entry!);
        facts = atEnd ?? new(); // no edge reaches the end: what follows is unreachable
    }

    /// <summary>
    /// How far past <c>(key.Local + key.Displacement) mod 2^32</c> the memory is known to extend (0: not
    /// known): a fact at a displacement at most that address's distance below it reaches the rest of its way.
    /// </summary>
    private static ulong Reach(AddressFacts known, AddressKey key)
    {
        int exact = known.IndexOf(key);
        if (exact >= 0) return known.EndAt(exact);
        ulong reach = 0;
        for (int i = 0; i < known.Count; i++)
        {
            var fact = known.KeyAt(i);
            if (fact.Local != key.Local || fact.Memory != key.Memory) continue;
            var end = known.EndAt(i);
            var distance = (ulong)unchecked(key.Displacement - fact.Displacement);
            if (distance < end && end - distance > reach) reach = end - distance;
        }
        return reach;
    }

    /// <summary>The facts that hold on both: <paramref name="met"/> (null: no edge yet) and <paramref name="other"/>.</summary>
    private static AddressFacts Meet(AddressFacts? met, AddressFacts other)
    {
        if (met is null) return new AddressFacts(other);
        for (int i = met.Count - 1; i >= 0; i--)
        {
            var otherEnd = Reach(other, met.KeyAt(i));
            if (otherEnd == 0) met.RemoveAt(i);
            else if (otherEnd < met.EndAt(i)) met.SetEndAt(i, otherEnd);
        }
        return met;
    }
}
