namespace Heron.Model;

/// <summary>An export: its name, kind and the index in that kind's index space.</summary>
internal sealed record Export(string Name, ExternKind Kind, int Index);
