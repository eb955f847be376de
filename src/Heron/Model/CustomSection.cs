namespace Heron.Model;

/// <summary>A custom section: its name and the range of its contents after the name.</summary>
internal sealed record CustomSection(string Name, ByteRange Contents)
{
    /// <summary>Id of the standard section it followed (0 when before all of them), to re-encode in place.</summary>
    public int After { get; init; }
}
