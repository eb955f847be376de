using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The catch side of a legacy <c>try</c>, from its first <c>catch</c> or <c>catch_all</c> to its <c>end</c>.
/// The body's region has closed by then; its handler stored the exception in <see cref="Exception"/> (which
/// <c>rethrow</c> throws again, the same object) and each clause tests the tag in turn, in code that runs in
/// the enclosing context. The operands below the try wait in the region's <see cref="TryRegion.Outer"/>
/// locals until each clause reloads them, and the region's landings are placed at the <c>end</c>.
/// </summary>
internal sealed class LegacyHandler
{
    public required LocalBuilder Exception { get; init; }

    public required TryRegion Region { get; init; }

    /// <summary>Where the test of the next clause goes when this one's tag does not match; null after a catch_all, which takes everything.</summary>
    public Label? Next { get; set; }
}
