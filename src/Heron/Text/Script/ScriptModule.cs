namespace Heron.Text.Script;

/// <summary>
/// A module as a script gives it. Text modules keep their source so that a malformed one fails only when
/// its command runs (assert_malformed), not when the script is read; <see cref="Encode"/> turns any kind
/// into the binary format (throwing <see cref="TextParseException"/> for malformed text).
/// </summary>
internal sealed record ScriptModule(ScriptModuleKind Kind, int Line, int Column)
{
    /// <summary>The <c>$id</c> after <c>module</c>, if any.</summary>
    public string? Name { get; init; }

    /// <summary>3.0 <c>(module definition ...)</c>: compile only, instantiated by <see cref="ModuleInstanceCommand"/>.</summary>
    public bool IsDefinition { get; init; }

    /// <summary>For <see cref="ScriptModuleKind.Text"/>: the whole <c>(module ...)</c> form; for Quote: the concatenated strings.</summary>
    public string? Source { get; init; }

    /// <summary>For <see cref="ScriptModuleKind.Binary"/>: the concatenated bytes.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>The module in the binary format.</summary>
    public byte[] Encode() => Kind switch
    {
        ScriptModuleKind.Binary => Bytes!,
        ScriptModuleKind.Quote => WatParser.ParseModule("(module " + Source + ")", Line, Column),
        _ => WatParser.ParseModule(Source!, Line, Column),
    };
}
