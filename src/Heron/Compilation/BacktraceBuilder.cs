using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Rebuilds a WebAssembly backtrace from a .NET stack trace: frames whose method belongs to a generated
/// module type are mapped to the function index encoded in the method's name, and named from the
/// module's name section.
/// </summary>
internal static class BacktraceBuilder
{
    private sealed record ModuleInfo(WasmModule Module, string? Name);

    private static readonly ConditionalWeakTable<Type, ModuleInfo> Modules = new();

    public static void Register(Type generated, WasmModule module, string? name) => Modules.AddOrUpdate(generated, new ModuleInfo(module, name));

    public static IReadOnlyList<WasmFrame> Build(Exception exception)
    {
        var frames = new List<WasmFrame>();
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !Modules.TryGetValue(type, out var info)) continue;
            if (!method.Name.StartsWith(ModuleCompiler.MethodPrefix, StringComparison.Ordinal)) continue;
            if (!int.TryParse(method.Name.AsSpan(ModuleCompiler.MethodPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) continue;
            frames.Add(new WasmFrame(info.Name, index, info.Module.FunctionName(index)));
        }
        return frames;
    }
}
