using Heron.Bench.Micro;
using Heron.Bench.Suite;

namespace Heron.Bench;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro") return MicroCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "decode") return Decode.DecodeCommand.Run(args[1..]);
        var options = BenchOptions.Parse(args);
        return options == null ? (args.Contains("--help") || args.Contains("-h") ? 0 : 2) : SuiteCommand.Run(options);
    }
}
