namespace Heron.Bench.Suite;

/// <summary>One run's figures with what the program printed and whether it honoured the bench markers, kept until the output is checked.</summary>
internal sealed record RunOutcome(RunSample Sample, byte[] Stdout, byte[] Stderr, string? MarkerProblem);
