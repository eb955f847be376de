namespace Heron.Wast;

/// <summary>
/// The host functions Wasmtime's own scripts import from <c>"wasmtime"</c>: <c>gc</c> asks for a collection,
/// which here is a full blocking collection of the .NET heap, where GC objects live.
/// </summary>
internal static class WasmtimeHost
{
    public static void Define(Linker linker)
    {
        linker.DefineFunction("wasmtime", "gc", () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        });
    }
}
