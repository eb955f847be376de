namespace Heron.Model;

/// <summary>A table defined by the module; 3.0 allows an initialising expression for its elements.</summary>
internal sealed record TableDefinition(TableType Type, ByteRange? Init = null);
