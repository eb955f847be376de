namespace Heron.Wasi;

/// <summary>
/// The byte layouts of preview 1's records in wasm32 memory (little-endian, natural alignment), written
/// through <see cref="GuestMemory"/> so every field is bounds-checked. Offsets follow the witx records.
/// </summary>
internal static class WasiLayout
{
    public const int FdstatSize = 24;
    public const int FilestatSize = 64;
    public const int DirentSize = 24;
    public const int PrestatSize = 8;
    public const int SubscriptionSize = 48;
    public const int EventSize = 32;

    /// <summary><c>fdstat</c>: filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16.</summary>
    public static void WriteFdstat(GuestMemory guest, int pointer, WasiFileType type, ushort flags, ulong rightsBase, ulong rightsInheriting)
    {
        var record = guest.Slice(pointer, FdstatSize);
        record.Clear();
        guest.WriteU8(pointer, (byte)type);
        guest.WriteU16(pointer + 2, flags);
        guest.WriteU64(pointer + 8, rightsBase);
        guest.WriteU64(pointer + 16, rightsInheriting);
    }

    /// <summary><c>filestat</c>: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56.</summary>
    public static void WriteFilestat(GuestMemory guest, int pointer, in HostStat stat)
    {
        var record = guest.Slice(pointer, FilestatSize);
        record.Clear();
        guest.WriteU64(pointer, stat.Device);
        guest.WriteU64(pointer + 8, stat.Inode);
        guest.WriteU8(pointer + 16, (byte)stat.FileType);
        guest.WriteU64(pointer + 24, stat.LinkCount);
        guest.WriteU64(pointer + 32, stat.Size);
        guest.WriteU64(pointer + 40, stat.AccessTime);
        guest.WriteU64(pointer + 48, stat.ModificationTime);
        guest.WriteU64(pointer + 56, stat.ChangeTime);
    }

    /// <summary><c>dirent</c> header into a host buffer: d_next @0, d_ino @8, d_namlen u32 @16, d_type u8 @20.</summary>
    public static void WriteDirent(Span<byte> header, ulong next, ulong inode, uint nameLength, WasiFileType type)
    {
        header.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header, next);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header[8..], inode);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[16..], nameLength);
        header[20] = (byte)type;
    }

    /// <summary><c>prestat</c>: tag u8 @0 (0 = dir), pr_name_len u32 @4.</summary>
    public static void WritePrestat(GuestMemory guest, int pointer, uint nameLength)
    {
        guest.Slice(pointer, PrestatSize).Clear();
        guest.WriteU32(pointer + 4, nameLength);
    }

    /// <summary><c>event</c>: userdata @0, error u16 @8, type u8 @10, fd_readwrite.nbytes @16, .flags u16 @24.</summary>
    public static void WriteEvent(GuestMemory guest, int pointer, ulong userdata, WasiErrno error, byte type, ulong bytes, ushort flags)
    {
        guest.Slice(pointer, EventSize).Clear();
        guest.WriteU64(pointer, userdata);
        guest.WriteU16(pointer + 8, (ushort)error);
        guest.WriteU8(pointer + 10, type);
        guest.WriteU64(pointer + 16, bytes);
        guest.WriteU16(pointer + 24, flags);
    }
}
