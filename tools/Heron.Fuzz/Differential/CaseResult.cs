namespace Heron.Fuzz.Differential;

/// <summary>The outcome of one differential case, with both sides' observations when they disagree.</summary>
internal sealed record CaseResult(CaseOutcome Outcome, string Detail, bool Exhausted = false)
{
    public static CaseResult Agreed(bool exhausted) => new(CaseOutcome.Agreed, "", exhausted);
}
