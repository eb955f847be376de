using Heron.Model;
using Microsoft.Win32.SafeHandles;

namespace Heron.Runtime;

/// <summary>
/// The initial contents of a module's own linear memory, its active data segments applied, held once in a
/// memory file (Linux <c>memfd</c>) so that each instance maps it copy-on-write instead of copying every
/// segment: instantiating a module with megabytes of data (a JavaScript engine's snapshot) then costs one
/// <c>mmap</c>, and a page is copied only when the instance writes to it. Wasmtime instantiates the same
/// way. Only for memories a module defines (so no other instance sees a failed instantiation's writes),
/// 32-bit, unshared, whose segments all have constant offsets inside the initial size; other memories
/// take their segments the ordinary way.
/// </summary>
internal sealed unsafe class MemoryImage : IDisposable
{
    /// <summary>Below this much data, copying the segments is as quick as mapping a file and faulting its pages in.</summary>
    public const int MinimumDataBytes = 64 << 10;

    private const int OsPage = 4096;

    private MemoryImage(SafeFileHandle file, nuint size)
    {
        File = file;
        Size = size;
    }

    /// <summary>The memory file; mapped privately, so writes never reach it.</summary>
    public SafeFileHandle File { get; }

    /// <summary>Bytes the image covers from the memory's start (a whole number of OS pages); the rest of the memory is zero.</summary>
    public nuint Size { get; }

    /// <summary>Whether this system can map images (Linux, with 4 KiB pages).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() && Environment.SystemPageSize == OsPage;

    /// <summary>
    /// The images of a module's defined memories, indexed like <see cref="WasmModule.Memories"/> (null where a
    /// memory takes its segments by copy), or null when none qualifies.
    /// </summary>
    public static MemoryImage?[]? Build(WasmModule module)
    {
        if (!Supported || module.Memories.Length == 0) return null;
        int imported = module.MemoryCount - module.Memories.Length;
        // Parallel arrays, not a List of tuples: the framework's List over a tuple of Heron's struct would be
        // JIT-compiled at every start (8 methods), ReadyToRun cannot precompile it.
        var count = 0;
        var memories = new int[module.Data.Length];
        var offsets = new ulong[module.Data.Length];
        var datas = new ByteRange[module.Data.Length];
        long dataBytes = 0;
        foreach (var segment in module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            int defined = segment.MemoryIndex - imported;
            if (defined < 0) continue;
            // An offset read from a global or computed is not known before instantiation: no image then.
            if (ConstantOffset(module.Bytes, segment.Offset) is not { } offset) return null;
            memories[count] = defined;
            offsets[count] = offset;
            datas[count++] = segment.Data;
            dataBytes += segment.Data.Length;
        }
        if (dataBytes < MinimumDataBytes) return null;

        var images = new MemoryImage?[module.Memories.Length];
        bool any = false;
        for (int memory = 0; memory < images.Length; memory++)
        {
            var type = module.Memories[memory];
            if (type.Shared || type.Is64 || type.PageSizeLog2 != 16) continue;
            ulong initial = type.Limits.Minimum << 16, end = 0;
            bool fits = true;
            for (int k = 0; k < count; k++)
            {
                if (memories[k] != memory) continue;
                if (offsets[k] + (ulong)datas[k].Length > initial) fits = false;
                end = Math.Max(end, offsets[k] + (ulong)datas[k].Length);
            }
            // A segment out of bounds traps at instantiation: that memory keeps the ordinary path, which traps.
            if (!fits || end == 0) continue;
            var size = (end + OsPage - 1) & ~(ulong)(OsPage - 1);
            var bytes = new byte[size];
            for (int k = 0; k < count; k++)
                if (memories[k] == memory) datas[k].Of(module.Bytes).CopyTo(bytes.AsSpan((int)offsets[k]));
            images[memory] = Create(bytes);
            any |= images[memory] != null;
        }
        return any ? images : null;
    }

    /// <summary>The value of an offset that is a single <c>i32.const</c>, or null.</summary>
    private static ulong? ConstantOffset(byte[] bytes, ByteRange expression)
    {
        var code = expression.Of(bytes);
        if (code.Length < 3 || code[0] != 0x41 || code[^1] != 0x0B) return null;
        int value = 0, shift = 0, i = 1;
        byte b;
        do
        {
            if (i >= code.Length - 1 || shift >= 35) return null;
            b = code[i++];
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 32 && (b & 0x40) != 0) value |= -1 << shift;
        return i == code.Length - 1 ? (uint)value : null;
    }

    private static MemoryImage? Create(byte[] contents)
    {
        var file = VirtualMemory.CreateMemoryFile("heron-memory-image");
        if (file == null) return null;
        try
        {
            RandomAccess.Write(file, contents, 0);
        }
        catch (IOException)
        {
            file.Dispose();
            return null;
        }
        return new MemoryImage(file, (nuint)contents.Length);
    }

    public void Dispose() => File.Dispose();
}
