namespace Heron.Wasi;

/// <summary>The kind of file a descriptor or directory entry names (<c>filetype</c>).</summary>
internal enum WasiFileType : byte
{
    Unknown, BlockDevice, CharacterDevice, Directory, RegularFile, SocketDgram, SocketStream, SymbolicLink,
}
