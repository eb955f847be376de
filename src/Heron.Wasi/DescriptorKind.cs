namespace Heron.Wasi;

/// <summary>What stands behind a guest file descriptor.</summary>
internal enum DescriptorKind
{
    /// <summary>A .NET stream: the standard streams, inherited or captured.</summary>
    Stream,
    /// <summary>A host file opened through a directory descriptor.</summary>
    File,
    /// <summary>A host directory: a preopen or one opened through it. .NET has no handle for it, so it is a path.</summary>
    Directory,
}
