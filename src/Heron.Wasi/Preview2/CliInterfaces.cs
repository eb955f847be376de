using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// <c>wasi:cli</c>: the arguments and environment, exit, the standard streams and the terminals behind them.
/// </summary>
internal static class CliInterfaces
{
    public static void Define(ComponentLinker linker, Preview2Host host)
    {
        var context = host.Context;
        linker.Instance("wasi:cli/environment@0.2.0")
            .DefineFunction("get-environment", _ => ComponentValue.List(
                [.. context.EnvironmentPairs.Select(p => ComponentValue.Tuple([HostString.From(p.Key), HostString.From(p.Value)]))]))
            .DefineFunction("get-arguments", _ => ComponentValue.List([.. context.ArgumentStrings.Select(HostString.From)]))
            // The guest has no current directory on the host: paths are relative to preopens only.
            .DefineFunction("initial-cwd", _ => ComponentValue.None);

        linker.Instance("wasi:cli/exit@0.2.0")
            // A result carries no code: 0.2 commands end in success or in failure, which a process reports as 1.
            .DefineFunction("exit", args => throw new WasiExitException(args[0].Label == "ok" ? 0 : 1))
            .DefineFunction("exit-with-code", args => throw new WasiExitException(args[0].AsU8()));

        linker.Instance("wasi:cli/stdin@0.2.0")
            .DefineResource("input-stream", host.InputStreams.Type)
            .DefineFunction("get-stdin", _ => host.InputStreams.New(new StreamInput(context.StandardInput)));
        linker.Instance("wasi:cli/stdout@0.2.0")
            .DefineResource("output-stream", host.OutputStreams.Type)
            .DefineFunction("get-stdout", _ => host.OutputStreams.New(new StreamOutput(context.StandardOutput)));
        linker.Instance("wasi:cli/stderr@0.2.0")
            .DefineResource("output-stream", host.OutputStreams.Type)
            .DefineFunction("get-stderr", _ => host.OutputStreams.New(new StreamOutput(context.StandardError)));

        linker.Instance("wasi:cli/terminal-input@0.2.0").DefineResource("terminal-input", host.TerminalInputs.Type);
        linker.Instance("wasi:cli/terminal-output@0.2.0").DefineResource("terminal-output", host.TerminalOutputs.Type);
        bool console = context.InheritsStandardStreams;
        linker.Instance("wasi:cli/terminal-stdin@0.2.0")
            .DefineResource("terminal-input", host.TerminalInputs.Type)
            .DefineFunction("get-terminal-stdin", _ => Terminal(host.TerminalInputs, console && !Console.IsInputRedirected));
        linker.Instance("wasi:cli/terminal-stdout@0.2.0")
            .DefineResource("terminal-output", host.TerminalOutputs.Type)
            .DefineFunction("get-terminal-stdout", _ => Terminal(host.TerminalOutputs, console && !Console.IsOutputRedirected));
        linker.Instance("wasi:cli/terminal-stderr@0.2.0")
            .DefineResource("terminal-output", host.TerminalOutputs.Type)
            .DefineFunction("get-terminal-stderr", _ => Terminal(host.TerminalOutputs, console && !Console.IsErrorRedirected));
    }

    /// <summary>A terminal handle only when the stream is the host's console, not a file or pipe.</summary>
    private static ComponentValue Terminal(ResourceTable<TerminalHandle> table, bool isTerminal) =>
        isTerminal ? ComponentValue.Some(table.New(new TerminalHandle())) : ComponentValue.None;
}
