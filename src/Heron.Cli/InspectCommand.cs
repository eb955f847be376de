using System.CommandLine;
using Heron.Binary;
using Heron.Model;
using Heron.Text;
using Heron.Validation;

namespace Heron.Cli;

/// <summary>
/// <c>heron inspect [--wat] FILE</c>: decodes and validates a module (.wasm or .wat), then prints what it
/// holds: a summary, or with <c>--wat</c> the whole module in the text format. Exit code 0 for a valid
/// module, 1 for a malformed or invalid one (the error and its position are printed).
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "a .wasm or .wat module" };
        var wat = new Option<bool>("--wat") { Description = "print the module in the text format instead of a summary" };
        var command = new Command("inspect", "Decode and validate a module, then print its contents") { file, wat };
        command.SetAction(parse => Run(parse.GetValue(file)!, Console.Out, Console.Error, parse.GetValue(wat)));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error, bool wat = false)
    {
        WasmModule module;
        try
        {
            var bytes = ModuleFile.ReadBinary(path);
            module = ModuleDecoder.Decode(bytes, WasmFeatures.Wasm3);
            ModuleValidator.Validate(module, WasmFeatures.Wasm3);
        }
        catch (WasmException failure)
        {
            error.WriteLine($"{path}: {failure.Message}");
            return 1;
        }
        catch (IOException failure)
        {
            error.WriteLine($"{path}: {failure.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException failure)
        {
            error.WriteLine($"{path}: {failure.Message}");
            return 1;
        }
        if (!wat)
        {
            ModulePrinter.Print(module, output);
            return 0;
        }
        try
        {
            WatPrinter.Print(module, output);
        }
        catch (WasmException failure)
        {
            // Validation decodes every instruction, so this is a safety net, not an expected path.
            error.WriteLine($"{path}: {failure.Message}");
            return 1;
        }
        return 0;
    }
}
