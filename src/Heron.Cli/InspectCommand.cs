using System.CommandLine;
using System.Globalization;
using Heron.Binary;
using Heron.Components.Binary;
using Heron.Components.Validation;
using Heron.Components.Wit;
using Heron.Compilation;
using Heron.Model;
using Heron.Text;
using Heron.Validation;

namespace Heron.Cli;

/// <summary>
/// <c>heron inspect [--wat] [--il NAME] FILE</c>: decodes and validates a module (.wasm or .wat), then prints
/// what it holds: a summary, or with <c>--wat</c> the whole module in the text format, or with <c>--il NAME</c>
/// the CIL Heron's compiler emits for one function (an export name or a function index), recorded while it
/// was emitted, with the counts that drive the .NET JIT's cost. Exit code 0 for a valid module, 1 for a
/// malformed or invalid one (the error and its position are printed).
/// </summary>
internal static class InspectCommand
{
    /// <summary>Inspection reads what any Heron engine could run: 3.0 and the opt-in extensions.</summary>
    private const WasmFeatures Everything = WasmFeatures.Wasm3 | WasmFeatures.LegacyExceptions | WasmFeatures.WideArithmetic | WasmFeatures.Threads;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "a .wasm or .wat module" };
        var wat = new Option<bool>("--wat") { Description = "print the module in the text format instead of a summary" };
        var il = new Option<string?>("--il") { Description = "print the CIL emitted for one function (export name or function index)" };
        var command = new Command("inspect", "Decode and validate a module, then print its contents") { file, wat, il };
        command.SetAction(parse => Run(parse.GetValue(file)!, Console.Out, Console.Error, parse.GetValue(wat), parse.GetValue(il)));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error, bool wat = false, string? ilFunction = null)
    {
        WasmModule module;
        try
        {
            var bytes = ModuleFile.ReadBinary(path);
            if (ComponentPreamble.IsComponent(bytes)) return PrintComponent(path, bytes, output, error);
            module = ModuleDecoder.Decode(bytes, Everything);
            ModuleValidator.Validate(module, Everything);
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
        if (ilFunction != null) return PrintIL(module, ilFunction, output, error);
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

    /// <summary>A component: decoded and validated, then its world printed as WIT.</summary>
    private static int PrintComponent(string path, byte[] bytes, TextWriter output, TextWriter error)
    {
        try
        {
            var component = ComponentValidator.Validate(ComponentDecoder.Decode(bytes, Everything), Everything);
            output.Write(WitPrinter.Print(component));
            return 0;
        }
        catch (WasmException failure)
        {
            error.WriteLine($"{path}: {failure.Message}");
            return 1;
        }
    }

    private static int PrintIL(WasmModule module, string name, TextWriter output, TextWriter error)
    {
        int index = -1;
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function && export.Name == name) index = export.Index;
        if (index < 0 && !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            error.WriteLine($"no exported function named '{name}' (give an export name or a function index)");
            return 1;
        }
        if (index < module.ImportedFunctionCount || index >= module.FunctionCount)
        {
            error.WriteLine($"function {index} is not defined by the module (imports are 0..{module.ImportedFunctionCount - 1})");
            return 1;
        }
        CilListing listing;
        try
        {
            listing = ModuleCompiler.List(new Engine(new EngineConfig { Features = Everything }), module, index);
        }
        catch (WasmException failure)
        {
            error.WriteLine($"function {index}: {failure.Message}");
            return 1;
        }
        var body = module.Bodies[index - module.ImportedFunctionCount];
        output.WriteLine($"// function {index} {module.FunctionTypeOf(index)}: {body.Code.Length} bytes of wasm code");
        output.WriteLine($"// {listing.Bytes} IL bytes, {listing.Instructions} instructions, {listing.Labels} labels, {listing.Locals} locals");
        foreach (var line in listing.Lines) output.WriteLine(line);
        return 0;
    }
}
