using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Rejects modules that validate but that the compiler cannot turn into one generated type.
/// </summary>
internal static class CompilerSupport
{
    /// <summary>Defined functions per module: the CLR's per-type method limit, less room for the type's helpers.</summary>
    internal const int MaxDefinedFunctions = 60_000;

    public static void EnsureSupported(WasmModule module)
    {
        // The compiler emits one method per defined function into one CIL type, and the runtime refuses a type
        // with more than 65,535 methods (a TypeLoadException when the type is created). Say so up front.
        if (module.Bodies.Length > MaxDefinedFunctions)
            throw new WasmException($"the module defines {module.Bodies.Length} functions; this compiler supports at most {MaxDefinedFunctions}");
    }
}
