using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Rejects modules that validate but use features the compiler does not implement yet. Compiling them
/// with the 32-bit rules would be unsound (a 64-bit address could wrap the bounds check), so they fail
/// cleanly at compile time instead.
/// </summary>
internal static class CompilerSupport
{
    public static void EnsureSupported(WasmModule module)
    {
        for (int i = 0; i < module.MemoryCount; i++)
            if (module.MemoryTypeOf(i).Is64) throw new WasmException("64-bit memories (memory64) are not supported yet");
        for (int i = 0; i < module.TableCount; i++)
            if (module.TableTypeOf(i).Is64) throw new WasmException("64-bit tables (table64) are not supported yet");
    }
}
