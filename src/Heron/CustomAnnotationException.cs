namespace Heron;

/// <summary>
/// A custom annotation of the text format (<c>@custom</c>, <c>@name</c>, a branch hint) that is malformed, or
/// (<see cref="Invalid"/>) well-formed but wrong for what it annotates. Such annotations are dropped when a
/// module is read as usual; only a parse that checks them (the script commands
/// <c>assert_malformed_custom</c> and <c>assert_invalid_custom</c>) rejects the module with this.
/// </summary>
public sealed class CustomAnnotationException : WasmException
{
    internal CustomAnnotationException(string message, int line, int column, bool invalid)
        : base($"{message} (at line {line}, column {column})")
    {
        Reason = message;
        Invalid = invalid;
    }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }

    /// <summary>True for an annotation that is well-formed but does not fit its place (a branch hint on an instruction that does not branch).</summary>
    public bool Invalid { get; }
}
