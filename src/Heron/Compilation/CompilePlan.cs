using Heron.Model;

namespace Heron.Compilation;

/// <summary>Decides, per module, between compiling every function ahead and compiling each on its first call.</summary>
internal static class CompilePlan
{
    /// <summary>Whether <paramref name="module"/> is compiled lazily under <paramref name="config"/>.</summary>
    public static bool IsLazy(EngineConfig config, WasmModule module) => config.Strategy switch
    {
        CompileStrategy.Lazy => true,
        CompileStrategy.Ahead => false,
        _ => CodeSize(module) >= config.LazyCodeSize,
    };

    /// <summary>The bytes of all function bodies: what compiling ahead costs is proportional to.</summary>
    public static long CodeSize(WasmModule module)
    {
        long total = 0;
        foreach (var body in module.Bodies) total += body.Code.Length;
        return total;
    }
}
