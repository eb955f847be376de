using System.Runtime.InteropServices;

namespace Heron.Runtime;

/// <summary>
/// Reserves address space without backing it, then commits pages of it as a memory grows, so that a
/// linear memory's base address never moves. On Linux and macOS this is <c>mmap(PROT_NONE)</c> with
/// <c>MAP_NORESERVE</c> (no commit charge until pages are touched) and <c>mprotect</c>; on Windows it is
/// <c>VirtualAlloc</c> with MEM_RESERVE, then MEM_COMMIT. These are calls into the operating system, not
/// native code of our own.
/// </summary>
internal static unsafe partial class VirtualMemory
{
    private const int ProtNone = 0, ProtReadWrite = 3;
    private const int MapPrivate = 0x02, MapFixed = 0x10;
    private const int MadvDontNeed = 4;
    private const int MremapMayMove = 1, MremapFixed = 2;
    private static readonly int MapAnonymous = OperatingSystem.IsLinux() ? 0x20 : 0x1000;
    private static readonly int MapNoReserve = OperatingSystem.IsLinux() ? 0x4000 : 0x40;
    private const uint MemCommit = 0x1000, MemReserve = 0x2000, MemRelease = 0x8000;
    private const uint PageNoAccess = 0x01, PageReadWrite = 0x04;

    /// <summary>Reserves <paramref name="size"/> bytes of inaccessible address space, or returns null.</summary>
    public static byte* Reserve(nuint size)
    {
        if (OperatingSystem.IsWindows())
            return (byte*)VirtualAlloc(null, size, MemReserve, PageNoAccess);
        var address = mmap(null, size, ProtNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
        return address == (void*)-1 ? null : (byte*)address;
    }

    /// <summary>Makes a reserved range readable and writable (zero-filled); false when the system refuses.</summary>
    public static bool Commit(byte* address, nuint size)
    {
        if (size == 0) return true;
        if (OperatingSystem.IsWindows())
            return VirtualAlloc(address, size, MemCommit, PageReadWrite) != null;
        return mprotect(address, size, ProtReadWrite) == 0;
    }

    /// <summary>Makes a committed range inaccessible again (its pages are dropped).</summary>
    public static bool Decommit(byte* address, nuint size)
    {
        if (size == 0) return true;
        if (OperatingSystem.IsWindows()) return false;
        return madvise(address, size, MadvDontNeed) == 0 && mprotect(address, size, ProtNone) == 0;
    }

    /// <summary>Drops the pages of a committed range, which stays read-write and reads as zero afterwards (Linux).</summary>
    public static bool Discard(byte* address, nuint size) => size == 0 || madvise(address, size, MadvDontNeed) == 0;

    /// <summary>
    /// Moves a reservation's first <paramref name="committed"/> (read-write) bytes to the start of the fresh
    /// reservation at <paramref name="target"/> and releases the old one (<paramref name="reserved"/> bytes).
    /// Linux remaps the pages (no copy, nothing touched); elsewhere they are committed there and copied.
    /// </summary>
    public static bool MoveCommitted(byte* address, nuint reserved, nuint committed, byte* target)
    {
        if (committed == 0)
        {
            Release(address, reserved);
            return true;
        }
        if (OperatingSystem.IsLinux())
        {
            var moved = mremap(address, committed, committed, MremapMayMove | MremapFixed, target);
            if (moved == target)
            {
                if (reserved > committed) munmap(address + committed, reserved - committed);
                return true;
            }
        }
        if (!Commit(target, committed)) return false;
        Buffer.MemoryCopy(address, target, committed, committed);
        Release(address, reserved);
        return true;
    }

    /// <summary>An anonymous memory file (Linux <c>memfd_create</c>) to hold a memory image; null when refused.</summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle? CreateMemoryFile(string name)
    {
        const uint CloseOnExec = 1;
        int fd = memfd_create(name, CloseOnExec);
        return fd < 0 ? null : new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Maps the first <paramref name="size"/> bytes of <paramref name="file"/> over a committed range,
    /// privately (copy-on-write: the guest's writes never reach the file); false when the system refuses.
    /// </summary>
    public static bool MapImage(byte* address, nuint size, Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var mapped = mmap(address, size, ProtReadWrite, MapPrivate | MapFixed, (int)file.DangerousGetHandle(), 0);
            return mapped == address;
        }
        finally
        {
            if (added) file.DangerousRelease();
        }
    }

    /// <summary>Puts fresh zero pages (anonymous, read-write) back over a mapped image; false when the system refuses.</summary>
    public static bool UnmapImage(byte* address, nuint size) =>
        mmap(address, size, ProtReadWrite, MapPrivate | MapFixed | MapAnonymous | MapNoReserve, -1, 0) == address;

    /// <summary>Gives a whole reservation back to the system.</summary>
    public static void Release(byte* address, nuint size)
    {
        if (address == null) return;
        if (OperatingSystem.IsWindows()) VirtualFree(address, 0, MemRelease);
        else munmap(address, size);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(void* address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(void* address, nuint length, int advice);

    // mremap is variadic in C for its last argument; a pointer passed as a fixed one travels in the same register.
    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mremap(void* address, nuint oldLength, nuint newLength, int flags, void* newAddress);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int memfd_create(string name, uint flags);

    [LibraryImport("kernel32", SetLastError = true)]
    private static partial void* VirtualAlloc(void* address, nuint size, uint allocationType, uint protect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(void* address, nuint size, uint freeType);
}
