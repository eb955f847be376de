namespace Heron;

/// <summary>
/// A module could not be instantiated because of its imports: an import is unknown ("unknown import"),
/// or its definition does not match the expected type ("incompatible import type").
/// </summary>
public sealed class LinkException : WasmException
{
    /// <summary>Creates a link error about one import.</summary>
    public LinkException(string message, string? importModule = null, string? importName = null)
        : base(importModule == null ? message : $"{message}: \"{importModule}\" \"{importName}\"")
    {
        Reason = message;
        ImportModule = importModule;
        ImportName = importName;
    }

    /// <summary>The message without the import's name, starting with the specification's wording.</summary>
    public string Reason { get; }

    /// <summary>The module name of the import at fault, when there is one.</summary>
    public string? ImportModule { get; }

    /// <summary>The field name of the import at fault, when there is one.</summary>
    public string? ImportName { get; }
}
