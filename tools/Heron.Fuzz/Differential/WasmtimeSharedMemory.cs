using System.Reflection;
using System.Runtime.InteropServices;
using WT = Wasmtime;

namespace Heron.Fuzz.Differential;

/// <summary>
/// Turns on Wasmtime's support for shared memories, which its .NET API (50.0.1) has no switch for: with
/// <c>WithWasmThreads(true)</c> alone Wasmtime validates atomics but refuses to instantiate a module that
/// defines a shared memory ("shared memory support is disabled for this engine"). The C API's
/// <c>wasmtime_config_shared_memory_set</c> is in the native library the package ships; it is called on the
/// configuration's handle, which the .NET API keeps internal (read by reflection).
/// </summary>
internal static partial class WasmtimeSharedMemory
{
    public static WT.Config Enable(WT.Config config)
    {
        var property = typeof(WT.Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Wasmtime.Config has no NativeHandle: the Wasmtime package changed; see WasmtimeSharedMemory");
        var handle = (SafeHandle)property.GetValue(config)!;
        SetSharedMemory(handle.DangerousGetHandle(), true);
        return config;
    }

    [LibraryImport("wasmtime", EntryPoint = "wasmtime_config_shared_memory_set")]
    private static partial void SetSharedMemory(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
}
