using System.Globalization;
using Heron.Bench.Suite;

namespace Heron.Bench;

/// <summary>The command line of the side-by-side run (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public int Runs { get; private set; } = 5;
    public bool Quick { get; private set; }
    public bool Isolate { get; private set; }
    public int TimeoutSeconds { get; private set; } = 600;
    public string? JsonPath { get; private set; }
    public string? SvgPath { get; private set; }
    public bool RunHeron { get; private set; } = true;
    public bool RunWasmtime { get; private set; } = true;
    public bool Warmup { get; private set; } = true;
    public bool Sightglass { get; private set; } = true;

    /// <summary>
    /// Both engines with WebAssembly GC on (Heron: <see cref="WasmFeatures.Wasm3"/>; Wasmtime: GC, function
    /// references); the <c>gc</c> command sets it and runs the GC programs of <see cref="ProgramCatalog.GcFolder"/>.
    /// </summary>
    public bool Gc { get; private set; }

    /// <summary>Heron's code consumes fuel (the store gets as much as it can hold): measures the fuel checks' cost.</summary>
    public bool Fuel { get; private set; }

    /// <summary>Heron's code checks the epoch (with no deadline ever reached): measures the epoch checks' cost.</summary>
    public bool Epoch { get; private set; }

    /// <summary>Heron splits functions over the JIT's limits into methods (off by default; see docs/performance.md, session 7).</summary>
    public bool Split { get; private set; }

    /// <summary>How Heron has the .NET JIT compile: "ahead" (the default), "background", "lazy" or "tiered" (EngineConfig.CompileAhead / CompileInBackground / TieredJit).</summary>
    public string Jit { get; private set; } = "ahead";

    /// <summary>A JSON report of an earlier run to print (and chart) again instead of measuring.</summary>
    public string? FromJson { get; private set; }

    /// <summary>With a positive value, list that many methods the .NET JIT spent longest on in Heron's first run of each program.</summary>
    public int JitTop { get; private set; }
    public List<string> Filters { get; } = [];
    public List<string> Files { get; } = [];

    /// <summary>Set in a child process of <c>--isolate</c>: measure this one program and write its result to <see cref="ChildResultPath"/>.</summary>
    public string? ChildProgram { get; private set; }
    public string? ChildResultPath { get; private set; }

    public const string Usage = """
        Heron.Bench [options] [program.wasm|.wat ...]   Heron against Wasmtime on the sightglass programs (and the given files)
        Heron.Bench gc [options]   the GC programs (bench/Heron.Bench/Gc: structs, arrays, casts) in both engines, GC on
        Heron.Bench micro [BenchmarkDotNet args]   micro-benchmarks (e.g. micro --filter *Call*)

          --runs N          runs per engine and program (default 5; --quick makes it 2)
          --quick           two runs each, slow programs left out: a few minutes on 2 cores
          --filter TEXT     only programs whose name contains TEXT (repeatable)
          --only-files      only the .wasm files given, not the sightglass set
          --engines LIST    heron,wasmtime (default both)
          --gc              both engines with WebAssembly GC on (for GC programs given as files; the gc command sets it)
          --isolate         each program in a child process, so a crash or stack overflow loses one program
          --timeout S       with --isolate, kill a program's child after S seconds (default 600)
          --jit-top N       list the N generated methods the .NET JIT spent longest on in Heron's first run of each program
          --fuel            Heron with fuel consumption on (EngineConfig.ConsumeFuel; the store never runs out)
          --epoch           Heron with epoch interruption on (EngineConfig.EpochInterruption; no deadline is reached)
          --split           Heron splits functions over the JIT's limits into methods (SplitLimits.Measured)
          --jit MODE        ahead (default: JIT every function in Module.FromBytes), background (JIT on background
                            threads, Module.FromBytes returns at once), lazy (each function on its first call)
                            or tiered (lazy, and the code tiered by the .NET JIT: EngineConfig.TieredJit)
          --no-warmup       skip the unmeasured warm-up run of noop in each engine
          --json FILE       write every figure as JSON
          --svg FILE        write a bar chart of the run-time ratios
          --from-json FILE  measure nothing: print the table of an earlier --json report (and chart it with --svg)
        """;

    /// <summary>Parses the arguments, or returns null with the problem written to stderr.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var runsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{arg} needs a positive whole number");
            try
            {
                switch (arg)
                {
                    case "--runs": options.Runs = Number(); runsGiven = true; break;
                    case "--quick": options.Quick = true; break;
                    case "--filter": options.Filters.Add(Value()); break;
                    case "--only-files": options.Sightglass = false; break;
                    case "--gc": options.Gc = true; break;
                    case "gc" when i == 0:
                        options.Gc = true;
                        options.Sightglass = false;
                        options.Files.AddRange(ProgramCatalog.GcPrograms());
                        break;
                    case "--isolate": options.Isolate = true; break;
                    case "--timeout": options.TimeoutSeconds = Number(); break;
                    case "--no-warmup": options.Warmup = false; break;
                    case "--fuel": options.Fuel = true; break;
                    case "--epoch": options.Epoch = true; break;
                    case "--split": options.Split = true; break;
                    case "--jit":
                        options.Jit = Value();
                        if (options.Jit is not ("ahead" or "background" or "lazy" or "tiered")) throw new ArgumentException("--jit takes ahead, background, lazy or tiered");
                        break;
                    case "--jit-top": options.JitTop = Number(); break;
                    case "--json": options.JsonPath = Value(); break;
                    case "--svg": options.SvgPath = Value(); break;
                    case "--from-json": options.FromJson = Value(); break;
                    case "--child": options.ChildProgram = Value(); break;
                    case "--child-result": options.ChildResultPath = Value(); break;
                    case "--engines":
                        var engines = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (engines.Except(["heron", "wasmtime"]).FirstOrDefault() is string unknown)
                            throw new ArgumentException($"unknown engine '{unknown}'");
                        options.RunHeron = engines.Contains("heron");
                        options.RunWasmtime = engines.Contains("wasmtime");
                        if (!options.RunHeron && !options.RunWasmtime) throw new ArgumentException("--engines needs heron, wasmtime or both");
                        break;
                    case "-h" or "--help": Console.WriteLine(Usage); return null;
                    default:
                        if (arg.StartsWith('-')) throw new ArgumentException($"unknown option {arg}");
                        options.Files.Add(arg);
                        break;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}\n\n{Usage}");
                return null;
            }
        }
        if (options.Quick && !runsGiven) options.Runs = 2;
        return options;
    }

    /// <summary>The arguments a child process of <c>--isolate</c> gets to measure one program as this process would.</summary>
    public IEnumerable<string> ChildArguments(string wasmPath, string resultPath)
    {
        yield return "--child";
        yield return wasmPath;
        yield return "--child-result";
        yield return resultPath;
        yield return "--runs";
        yield return Runs.ToString(CultureInfo.InvariantCulture);
        yield return "--engines";
        yield return string.Join(',', new[] { RunHeron ? "heron" : null, RunWasmtime ? "wasmtime" : null }.OfType<string>());
        if (!Warmup) yield return "--no-warmup";
        if (Gc) yield return "--gc";
        if (Fuel) yield return "--fuel";
        if (Epoch) yield return "--epoch";
        if (Split) yield return "--split";
        yield return "--jit";
        yield return Jit;
        if (JitTop > 0)
        {
            yield return "--jit-top";
            yield return JitTop.ToString(CultureInfo.InvariantCulture);
        }
    }
}
