using System.Runtime.InteropServices;

namespace Heron.Runtime;

/// <summary>
/// The address range of the current thread's stack, asked of the operating system once per thread, so
/// that the WebAssembly stack limit is clamped to what the thread really has.
/// </summary>
internal static unsafe partial class ThreadStack
{
    [ThreadStatic] private static nuint low;
    [ThreadStatic] private static bool known;

    /// <summary>The lowest usable address of this thread's stack, or 0 when the system does not say.</summary>
    public static nuint Low
    {
        get
        {
            if (!known)
            {
                low = Query();
                known = true;
            }
            return low;
        }
    }

    private static nuint Query()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var attributes = stackalloc byte[256];
                if (pthread_getattr_np(pthread_self(), attributes) != 0) return 0;
                nint address = 0;
                nuint size = 0;
                var result = pthread_attr_getstack(attributes, &address, &size);
                pthread_attr_destroy(attributes);
                return result == 0 ? (nuint)address : 0;
            }
            if (OperatingSystem.IsMacOS())
            {
                var self = pthread_self();
                return (nuint)pthread_get_stackaddr_np(self) - pthread_get_stacksize_np(self);
            }
            if (OperatingSystem.IsWindows())
            {
                nuint lowLimit, highLimit;
                GetCurrentThreadStackLimits(&lowLimit, &highLimit);
                return lowLimit;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        return 0;
    }

    [LibraryImport("libc")]
    private static partial nint pthread_self();

    [LibraryImport("libc")]
    private static partial int pthread_getattr_np(nint thread, void* attributes);

    [LibraryImport("libc")]
    private static partial int pthread_attr_getstack(void* attributes, nint* address, nuint* size);

    [LibraryImport("libc")]
    private static partial int pthread_attr_destroy(void* attributes);

    [LibraryImport("libc")]
    private static partial nint pthread_get_stackaddr_np(nint thread);

    [LibraryImport("libc")]
    private static partial nuint pthread_get_stacksize_np(nint thread);

    [LibraryImport("kernel32")]
    private static partial void GetCurrentThreadStackLimits(nuint* lowLimit, nuint* highLimit);
}
