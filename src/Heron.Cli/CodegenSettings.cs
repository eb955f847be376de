namespace Heron.Cli;

/// <summary>
/// <c>heron run -C OPTION=VALUE</c>: how the module is compiled. Wasmtime's <c>-C</c> options choose
/// among its compilers and their settings, none of which has a counterpart here, so <c>compile</c> and
/// <c>tiered</c> are Heron's own names, in the same <c>-C key=value</c> form; <c>cache</c> is Wasmtime's.
/// </summary>
internal static class CodegenSettings
{
    /// <summary>Applies one setting; returns an error message, or null.</summary>
    public static string? Apply(RunOptions options, string setting)
    {
        var (key, value) = RunOptionsParser.SplitSetting(setting);
        switch (key)
        {
            case "compile":
                CompileStrategy? strategy = value switch
                {
                    "auto" => CompileStrategy.Auto,
                    "ahead" => CompileStrategy.Ahead,
                    "lazy" => CompileStrategy.Lazy,
                    _ => null,
                };
                if (strategy is not { } chosen) return $"-C compile: expected auto, ahead or lazy, got {value}";
                options.Strategy = chosen;
                return null;
            case "cache":
                options.Cache = RunOptionsParser.ParseFlag(value);
                return null;
            case "tiered":
                options.Tiered = RunOptionsParser.ParseFlag(value);
                return null;
            default:
                return $"unknown -C option {key}";
        }
    }

    /// <summary>The engine configuration the options ask for.</summary>
    public static EngineConfig ToConfig(RunOptions options) => new()
    {
        // Fuel and epoch checks are compiled in only when asked for, so plain runs pay nothing for them.
        ConsumeFuel = options.Fuel != null,
        EpochInterruption = options.Timeout != null,
        Strategy = options.Strategy,
        TieredJit = options.Tiered,
        // WebAssembly 3.0 as Wasmtime's command runs it by default (tail calls, memory64, exceptions...); the
        // library's default stays 2.0 for embedders who want the smaller surface.
        Features = options.WasmThreads ? WasmFeatures.Wasm3 | WasmFeatures.Threads : WasmFeatures.Wasm3,
    };
}
