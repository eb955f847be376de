namespace Heron.Model;

/// <summary>A GC struct field or array element type and whether it may be written.</summary>
internal readonly record struct FieldType(StorageType Storage, bool Mutable);
