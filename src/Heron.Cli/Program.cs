using System.CommandLine;

namespace Heron.Cli;

/// <summary>The entry point of the <c>heron</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Heron: a WebAssembly runtime for .NET.");
        root.Subcommands.Add(WastCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        return root.Parse(args).Invoke();
    }
}
