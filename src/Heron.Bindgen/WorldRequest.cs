using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Heron.Bindgen;

/// <summary>
/// A class marked [WitWorld]: where to generate and which world, as plain values for the incremental pipeline.
/// <see cref="Problem"/> says why the class cannot take bindings, if it cannot.
/// </summary>
internal sealed record WorldRequest(string? Namespace, string ClassName, string World, string? Problem, string FilePath, TextSpan Span, LinePositionSpan Lines)
{
    public Location Location => FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, Lines);

    /// <summary>The file name of the generated source: unique per class.</summary>
    public string HintName => (Namespace is null ? "" : Namespace + ".") + ClassName + ".wit.g.cs";
}
