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
        // After an outlined region's frame, the frames of the same function up to its own method are the
        // calls of the region from its parents: one WebAssembly frame, already added.
        var collapsing = -1;
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !Modules.TryGetValue(type, out var info)) continue;
            if (!TryParseName(method.Name, out var index, out var region)) continue;
            if (collapsing == index)
            {
                if (region < 0) collapsing = -1;
                continue;
            }
            var defined = index - info.Module.ImportedFunctionCount;
            var offset = info.Offsets is not { } offsets ? -1
                : region < 0 ? offsets.Find(defined, frame.GetILOffset()) : offsets.FindInRegion(defined, region, frame.GetILOffset());
            var bodyStart = (uint)defined < (uint)info.Module.Bodies.Length ? info.Module.Bodies[defined].Encoded.Start : -1;
            frames.Add(new WasmFrame(info.Name, index, info.Module.FunctionName(index), offset,
                offset >= 0 && bodyStart >= 0 ? offset - bodyStart : -1));
            if (region >= 0) collapsing = index;
        }
    }

    /// <summary>Reads <c>f12</c> (function 12, <paramref name="region"/> -1) or <c>f12r3</c> (its outlined region 3).</summary>
    private static bool TryParseName(string name, out int index, out int region)
    {
        index = region = -1;
        if (!name.StartsWith(ModuleCompiler.MethodPrefix, StringComparison.Ordinal)) return false;
        var rest = name.AsSpan(ModuleCompiler.MethodPrefix.Length);
        var marker = rest.IndexOf(RegionMethods.RegionMarker);
        if (marker < 0) return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out index);
        return int.TryParse(rest[..marker], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && int.TryParse(rest[(marker + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out region);
    }
}
