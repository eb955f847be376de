namespace Heron.Components.Canon;

/// <summary>
/// The canonical options of one <c>canon lift</c> or <c>canon lower</c>, resolved to the core items of
/// the instance they name.
/// </summary>
internal sealed class CanonOptions
{
    public static CanonOptions Empty { get; } = new();

    public StringEncoding Encoding { get; init; }
    public Memory? Memory { get; init; }
    public Function? Realloc { get; init; }
    public Function? PostReturn { get; init; }

    /// <summary>The memory, or a trap when a value that needs one is passed without it (validation prevents this).</summary>
    public Memory RequireMemory() => Memory ?? throw CanonTrap.Create("a canonical option needs a memory and none was given");
}
