namespace Heron;

/// <summary>
/// The type of a linear memory: its limits in pages, whether it is shared, its address type, and (custom
/// page sizes) its page size.
/// </summary>
public readonly record struct MemoryType(Limits Limits, bool Shared = false, bool Is64 = false)
{
    /// <summary>The size of a default WebAssembly page in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>The base-2 logarithm of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSizeLog2 = 16;

    // Stored as an offset from the default so that default(MemoryType) and types that never name a page
    // size compare equal to those that name 65536.
    private readonly int pageSizeLog2Delta;

    /// <summary>
    /// The base-2 logarithm of this memory's page size: 16 (64 KiB, the default) or, with the custom page
    /// sizes proposal, 0 (one byte). A decoded module may hold another value until validation rejects it.
    /// </summary>
    public int PageSizeLog2
    {
        get => DefaultPageSizeLog2 + pageSizeLog2Delta;
        init => pageSizeLog2Delta = value - DefaultPageSizeLog2;
    }

    /// <summary>This memory's page size in bytes (the unit of its limits, <c>memory.size</c> and <c>memory.grow</c>).</summary>
    public ulong PageBytes => PageSizeLog2 is >= 0 and < 64 ? 1UL << PageSizeLog2 : 0;

    /// <summary>The text-format spelling.</summary>
    public override string ToString() =>
        $"{(Is64 ? "i64 " : "")}{Limits}{(Shared ? " shared" : "")}{(PageSizeLog2 != DefaultPageSizeLog2 ? $" (pagesize {PageBytes})" : "")}";
}
