namespace Heron.Fuzz.Differential;

/// <summary>Counts of a differential campaign.</summary>
internal sealed class DifferentialStats
{
    public int Cases { get; set; }

    public int Agreed { get; set; }

    public int Exhausted { get; set; }

    public int BothRejected { get; set; }

    /// <summary>Modules importing types Wasmtime's .NET API cannot pass (it would abort the process): not compared.</summary>
    public int Uncarried { get; set; }

    public int FromBinaryen { get; set; }

    public int FromOwnGenerator { get; set; }

    public List<string> Failures { get; } = new();

    public override string ToString() =>
        $"cases {Cases} (binaryen {FromBinaryen}, own {FromOwnGenerator}): agreed {Agreed} (of which stack-exhausted {Exhausted}), both rejected {BothRejected}, skipped for imports Wasmtime's API cannot pass {Uncarried}, divergences+crashes {Failures.Count}";
}
