using Heron.Fuzz;
using Heron.Fuzz.Differential;
using Heron.Fuzz.Hostile;

if (args.Length == 0)
{
    Console.WriteLine("""
        heron-fuzz diff    [--seed S] [--first I] [--cases N] [--minutes M] [--source binaryen|own|both] [--features F] [--out DIR] [--verbose]
                           F: wasm2 (default), wasm3, or 2.0 plus a list of wasm3,tail-call,exceptions,memory64,
                           multi-memory,extended-const,function-references,gc,threads,wide-arithmetic
        heron-fuzz hostile [--seed S] [--cases N] [--minutes M] [--out DIR]
        heron-fuzz check   FILE.wasm [--seed S] [--features F] [--verbose]  exit code 1 when the engines diverge on FILE (for wasm-reduce);
                           --verbose prints each line both engines observed
        heron-fuzz gen     SEED [--features F]     print the module Heron's own generator makes for SEED
        heron-fuzz gen     SEED --source binaryen [--features F] [--out DIR]   save binaryen's module for SEED as DIR/diff-binaryen-SEED.wasm
        """);
    return 2;
}

var options = FuzzOptions.Parse(args, args[0] is "check" or "gen" ? 2 : 1);
switch (args[0])
{
    case "diff":
        {
            var stats = DifferentialCampaign.Run(options, Console.Out);
            Console.WriteLine($"done: {stats}");
            return stats.Failures.Count == 0 ? 0 : 1;
        }
    case "hostile":
        {
            var stats = HostileCampaign.Run(options, Console.Out);
            Console.WriteLine($"done: {stats}");
            return stats.Failures.Count == 0 ? 0 : 1;
        }
    case "check":
        {
            using var runner = new DifferentialRunner(options.Features) { Trace = options.Verbose ? Console.Out : null };
            var result = runner.Run(File.ReadAllBytes(args[1]), options.Seed);
            // Only the kind of failure is printed first: wasm-reduce keeps a reduction when this output stays the same.
            var kind = result.Outcome == CaseOutcome.Crashed ? result.Detail.Split('\n')[0].Split(':')[0..2] : [];
            Console.WriteLine($"{result.Outcome} {string.Join(':', kind)}");
            if (options.Verbose) Console.WriteLine(result.Detail);
            return result.Outcome is CaseOutcome.Diverged or CaseOutcome.Crashed ? 1 : 0;
        }
    case "gen":
        {
            var seed = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            if (options.Source != "binaryen")
            {
                Console.WriteLine(Heron.Fuzz.Generation.OwnGenerator.GenerateText(seed, options.Features));
                return 0;
            }
            // Campaign failures name the case seed; this regenerates the module (for the same binaryen version).
            Directory.CreateDirectory(options.OutputDirectory);
            var path = Path.Combine(options.OutputDirectory, $"diff-binaryen-{seed}.wasm");
            File.WriteAllBytes(path, Heron.Fuzz.Generation.BinaryenGenerator.Generate(seed, options.Features));
            Console.WriteLine(path);
            return 0;
        }
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
