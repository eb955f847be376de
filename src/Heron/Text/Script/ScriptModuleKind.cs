namespace Heron.Text.Script;

/// <summary>How a module appears in a script.</summary>
internal enum ScriptModuleKind : byte
{
    /// <summary><c>(module ...)</c> in the text format.</summary>
    Text,
    /// <summary><c>(module binary "...")</c>: the bytes are given as strings.</summary>
    Binary,
    /// <summary><c>(module quote "...")</c>: text given as strings, parsed only when the command runs.</summary>
    Quote,
}
