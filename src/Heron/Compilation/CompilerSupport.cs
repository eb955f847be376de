using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Rejects modules that validate but use features the compiler does not implement yet. Compiling them
/// with the 32-bit rules would be unsound (a 64-bit address could wrap the bounds check), so they fail
/// cleanly at compile time instead.
/// </summary>
internal static class CompilerSupport
{
    /// <summary>Defined functions per module: the CLR's per-type method limit, less room for the type's helpers.</summary>
    internal const int MaxDefinedFunctions = 60_000;

    public static void EnsureSupported(WasmModule module)
    {
        for (int i = 0; i < module.MemoryCount; i++)
            if (module.MemoryTypeOf(i).Is64) throw new WasmException("64-bit memories (memory64) are not supported yet");
        for (int i = 0; i < module.TableCount; i++)
            if (module.TableTypeOf(i).Is64) throw new WasmException("64-bit tables (table64) are not supported yet");
        // The compiler emits one method per defined function into one CIL type, and the runtime refuses a type
        // with more than 65,535 methods (a TypeLoadException when the type is created). Say so up front.
        if (module.Bodies.Length > MaxDefinedFunctions)
            throw new WasmException($"the module defines {module.Bodies.Length} functions; this compiler supports at most {MaxDefinedFunctions}");
    }
}
