using System.CommandLine;

namespace Heron.Cli;

/// <summary>The entry point of the <c>heron</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        try
        {
            return Dispatch(args);
        }
        finally
        {
            if (JitReport.Requested) JitReport.Write(Console.Error);
        }
    }

    private static int Dispatch(string[] args)
    {
        // "run" parses its own options: everything after FILE belongs to the guest. It is also the command
        // whose start-up matters, so it never pays for building the System.CommandLine tree.
        if (args.Length > 0 && args[0] == "run")
        {
            StartupProfile.Start("run");
            return RunCommand.Run(args[1..], DeferredConsoleWriter.Out, DeferredConsoleWriter.Error);
        }
        if (args.Length > 0 && args[0] == "compile") return CompileCommand.Run(args[1..], Console.Out, Console.Error);
        if (args.Length > 0 && args[0] == "serve") return ServeCommand.Run(args[1..], Console.Out, Console.Error);
        return RunCommandLine(args);
    }

    // A method of its own: what it names is loaded when it is first called, so "run" never loads System.CommandLine.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int RunCommandLine(string[] args)
    {
        var root = new RootCommand("Heron: a WebAssembly runtime for .NET.");
        root.Subcommands.Add(new Command("run", "Run a WASI program or call one export: heron run [options] FILE [ARGS...] (heron run --help)"));
        root.Subcommands.Add(new Command("compile", "Precompile a module for heron run --allow-precompiled: heron compile FILE [-o OUT] (heron compile --help)"));
        root.Subcommands.Add(new Command("serve", "Serve HTTP with a wasi:http/proxy component: heron serve [--addr HOST:PORT] COMPONENT (heron serve --help)"));
        root.Subcommands.Add(WastCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        return root.Parse(args).Invoke();
    }
}
