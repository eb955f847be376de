namespace Heron.Fuzz;

/// <summary>Command-line options shared by the campaigns.</summary>
internal sealed record FuzzOptions
{
    public int Seed { get; init; } = 1;

    public int Cases { get; init; } = int.MaxValue;

    /// <summary>The first case's number: a run that died (a crash takes the process) goes on from the case after.</summary>
    public int First { get; init; }

    public double Minutes { get; init; } = double.PositiveInfinity;

    /// <summary>Where failing inputs are saved.</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "heron-fuzz");

    /// <summary>Which generators the differential campaign draws from: "binaryen", "own" or "both".</summary>
    public string Source { get; init; } = "both";

    public bool Verbose { get; init; }

    /// <summary>The WebAssembly features generated modules may use and both engines accept.</summary>
    public FuzzFeatures Features { get; init; } = FuzzFeatures.Wasm2;

    public static FuzzOptions Parse(IReadOnlyList<string> args, int start)
    {
        var options = new FuzzOptions();
        for (var i = start; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--seed" => options with { Seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--first" => options with { First = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--cases" => options with { Cases = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--minutes" => options with { Minutes = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--out" => options with { OutputDirectory = Next() },
                "--source" => options with { Source = Next() },
                "--features" => options with { Features = FuzzFeatures.Parse(Next()) },
                "--verbose" => options with { Verbose = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
