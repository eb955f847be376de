namespace Heron.Model;

/// <summary>What a defined type describes: a function signature (2.0), or a GC struct or array (3.0).</summary>
internal enum CompositeKind : byte
{
    Function,
    Struct,
    Array,
}
