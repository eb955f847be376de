namespace Heron.Wast;

/// <summary>The host value a script writes as <c>ref.extern n</c>: equal to another exactly when n is.</summary>
internal sealed record HostReference(uint Id);
