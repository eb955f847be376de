namespace Heron;

/// <summary>The type of a linear memory: its limits in 64 KiB pages, whether it is shared, and its address type.</summary>
public readonly record struct MemoryType(Limits Limits, bool Shared = false, bool Is64 = false)
{
    /// <summary>The size of a WebAssembly page in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>The text-format spelling.</summary>
    public override string ToString() => $"{(Is64 ? "i64 " : "")}{Limits}{(Shared ? " shared" : "")}";
}
