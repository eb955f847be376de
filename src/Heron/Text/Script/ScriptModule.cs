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

    /// <summary>
    /// The module in the binary format. With <paramref name="checkAnnotations"/> (the <c>_custom</c> assertions),
    /// a malformed or invalid custom annotation is a <see cref="CustomAnnotationException"/> instead of being dropped;
    /// with <paramref name="plainOperandsInFolds"/>, folded instructions may have plain operands (Wasmtime's syntax).
    /// </summary>
    public byte[] Encode(bool checkAnnotations = false, bool plainOperandsInFolds = false) => Kind switch
    {
        ScriptModuleKind.Binary => Bytes!,
        // Quoted text is a module as a .wat file holds one: a (module ...) form or bare fields.
        ScriptModuleKind.Quote => ModuleParser.Parse(Source!, Line, Column, emitNames: false, checkAnnotations, plainOperandsInFolds),
        _ => ModuleParser.Parse(Source!, Line, Column, emitNames: false, checkAnnotations, plainOperandsInFolds),
    };
}
