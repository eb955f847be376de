namespace Heron.Model;

/// <summary>A run of locals of one type, as the code section declares them.</summary>
internal readonly record struct LocalDeclaration(uint Count, ValueType Type);
