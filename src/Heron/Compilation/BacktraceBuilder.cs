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
    private sealed record ModuleInfo(WasmModule Module, string? Name, CodeOffsetMap? Offsets);

    private static readonly ConditionalWeakTable<Type, ModuleInfo> Modules = new();

    public static void Register(Type generated, WasmModule module, string? name, CodeOffsetMap? offsets) =>
        Modules.AddOrUpdate(generated, new ModuleInfo(module, name, offsets));

    /// <summary>True for a method of a generated module type (a compiled WebAssembly function).</summary>
    public static bool IsGenerated(System.Reflection.MethodBase method) =>
        method.DeclaringType is { } type && Modules.TryGetValue(type, out _);

    /// <summary>
    /// The WebAssembly frames of <paramref name="exception"/>'s stack trace; for a trap raised by an entry
    /// in place of a memory fault, the fault's frames (from the faulting access to the entry) come first.
    /// </summary>
    public static IReadOnlyList<WasmFrame> Build(Exception exception)
    {
        var frames = new List<WasmFrame>();
        if (exception is TrapException && exception.InnerException is OverflowException fault) Collect(fault, frames);
        Collect(exception, frames);
        return frames;
    }

    private static void Collect(Exception exception, List<WasmFrame> frames)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !Modules.TryGetValue(type, out var info)) continue;
            if (!method.Name.StartsWith(ModuleCompiler.MethodPrefix, StringComparison.Ordinal)) continue;
            if (!int.TryParse(method.Name.AsSpan(ModuleCompiler.MethodPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) continue;
            var defined = index - info.Module.ImportedFunctionCount;
            var offset = info.Offsets?.Find(defined, frame.GetILOffset()) ?? -1;
            var bodyStart = (uint)defined < (uint)info.Module.Bodies.Length ? info.Module.Bodies[defined].Encoded.Start : -1;
            frames.Add(new WasmFrame(info.Name, index, info.Module.FunctionName(index), offset,
                offset >= 0 && bodyStart >= 0 ? offset - bodyStart : -1));
        }
    }
}
