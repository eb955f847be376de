using System.Runtime.CompilerServices;

namespace Heron.Compilation;

/// <summary>
/// Heron compiles modules by generating CIL at run time, which needs a JIT: a NativeAOT app has none.
/// Every path that would generate code asks here first, so such an app gets a clear error instead of the
/// runtime's <see cref="PlatformNotSupportedException"/> from deep inside Reflection.Emit.
/// </summary>
internal static class DynamicCode
{
    public static void EnsureSupported()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new WasmException(
                "this process cannot compile WebAssembly: it has no JIT (a NativeAOT app). Precompile the module at build time " +
                "(heron compile, see docs/native-aot.md) and load it with Module.FromPrecompiled");
    }
}
