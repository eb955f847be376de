namespace Heron.Fuzz.Hostile;

/// <summary>Counts of a hostile-input campaign.</summary>
internal sealed class HostileStats
{
    public long Cases { get; set; }

    public long Rejected { get; set; }

    public long CompiledOnly { get; set; }

    public long NonTerminating { get; set; }

    public long Ran { get; set; }

    public long Crashes { get; set; }

    public long Hangs { get; set; }

    public long MemoryBlowUps { get; set; }

    public List<string> Failures { get; } = new();

    public void Count(HostileOutcome outcome)
    {
        switch (outcome)
        {
            case HostileOutcome.Rejected: Rejected++; break;
            case HostileOutcome.CompiledOnly: CompiledOnly++; break;
            case HostileOutcome.NonTerminating: NonTerminating++; break;
            default: Ran++; break;
        }
    }

    public override string ToString() =>
        $"inputs {Cases}: rejected {Rejected}, compiled only {CompiledOnly}, non-terminating (skipped run) {NonTerminating}, ran {Ran}; crashes {Crashes}, hangs {Hangs}, memory blow-ups {MemoryBlowUps}";
}
