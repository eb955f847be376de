namespace Heron;

/// <summary>The kinds of things a module imports and exports, with their binary-format codes.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,
    /// <summary>A table.</summary>
    Table = 1,
    /// <summary>A linear memory.</summary>
    Memory = 2,
    /// <summary>A global.</summary>
    Global = 3,
    /// <summary>An exception tag.</summary>
    Tag = 4,
}
