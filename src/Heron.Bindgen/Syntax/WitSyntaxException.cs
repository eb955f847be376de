using System;
using Microsoft.CodeAnalysis;

namespace Heron.Bindgen.Syntax;

/// <summary>
/// Stops lexing or parsing a file at its first error: WIT files are short and one precise error is more use
/// than a cascade of guesses after it.
/// </summary>
internal sealed class WitSyntaxException(DiagnosticDescriptor descriptor, int start, int end, string message) : Exception(message)
{
    public DiagnosticDescriptor Descriptor { get; } = descriptor;
    public int Start { get; } = start;
    public int End { get; } = end;
}
