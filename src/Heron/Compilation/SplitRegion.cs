namespace Heron.Compilation;

/// <summary>
/// A run of statements of one function body that is compiled as a method of its own. It starts and ends
/// with the operand stack of its block empty, so it takes nothing but locals: the method gets the locals
/// the run uses by reference (copied into its own locals at entry, the written ones copied back at exit)
/// and the instance context, and returns an exit code: -1 when the run falls through its end, k when it
/// branches to <see cref="Exits"/>[k], an enclosing label of the function (frame 0 is the function
/// itself: a return, whose results come back through further references).
/// </summary>
internal sealed class SplitRegion
{
    /// <summary>Module offset of the run's first instruction.</summary>
    public required int Start { get; init; }

    /// <summary>Module offset just after the run's last instruction.</summary>
    public required int End { get; init; }

    /// <summary>Control frames open around the run, the function's own included.</summary>
    public required int Depth { get; init; }

    /// <summary>The run ends in unreachable code: it never falls through.</summary>
    public required bool EndsUnreachable { get; init; }

    /// <summary>The control frames (by index, 0 = the function) the run branches to, ascending.</summary>
    public required int[] Exits { get; init; }

    /// <summary>The WebAssembly locals the run reads or writes, ascending.</summary>
    public required int[] Locals { get; init; }

    /// <summary>The locals the run writes (a subset of <see cref="Locals"/>).</summary>
    public required HashSet<int> Written { get; init; }

    /// <summary>Numbers the regions of one function (in method names).</summary>
    public required int Number { get; init; }

    /// <summary>Whether the run returns from the function.</summary>
    public bool Returns => Exits.Length > 0 && Exits[0] == 0;

    /// <summary>The exit code of a branch to control frame <paramref name="frame"/>.</summary>
    public int CodeOf(int frame) => Array.IndexOf(Exits, frame);
}
