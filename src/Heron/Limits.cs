namespace Heron;

/// <summary>The size limits of a memory (in pages) or a table (in elements).</summary>
public readonly record struct Limits(ulong Minimum, ulong? Maximum)
{
    /// <summary>The text-format spelling: the minimum, then the maximum when there is one.</summary>
    public override string ToString() => Maximum is { } max ? $"{Minimum} {max}" : $"{Minimum}";
}
