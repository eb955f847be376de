using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Heron.Bindgen;

/// <summary>
/// A problem found in WIT or in a [WitWorld] declaration, kept as plain values (the incremental pipeline
/// compares them) and turned into a Roslyn <see cref="Diagnostic"/> with its file and line when reported.
/// </summary>
internal sealed record WitDiagnostic(string Id, string Message, string Path, int Start, int End, LinePositionSpan Lines)
{
    public static WitDiagnostic At(DiagnosticDescriptor descriptor, WitSource file, int start, int end, string message)
    {
        // An error at the end of the file points at its last character, never past it.
        var length = file.Text.Length;
        start = System.Math.Max(0, System.Math.Min(start, length));
        end = System.Math.Max(start, System.Math.Min(end, length));
        return new(descriptor.Id, message, file.Path, start, end, file.Position(start, end));
    }

    /// <summary>A diagnostic with no place in a .wit file (reported at the [WitWorld] class instead).</summary>
    public static WitDiagnostic Nowhere(DiagnosticDescriptor descriptor, string message) => new(descriptor.Id, message, "", 0, 0, default);

    public Diagnostic ToDiagnostic(Location? fallback = null)
    {
        var descriptor = Diagnostics.ById(Id);
        var location = Path.Length == 0 ? fallback ?? Location.None : Location.Create(Path, new TextSpan(Start, End - Start), Lines);
        return Diagnostic.Create(descriptor, location, Message);
    }
}
