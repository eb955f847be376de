namespace Heron.Model;

/// <summary>When a data or element segment is applied.</summary>
internal enum SegmentMode : byte
{
    /// <summary>Copied into a memory or table at instantiation.</summary>
    Active,
    /// <summary>Kept for <c>memory.init</c> / <c>table.init</c>.</summary>
    Passive,
    /// <summary>Element segments only: declares function references for <c>ref.func</c>, then dropped.</summary>
    Declarative,
}
