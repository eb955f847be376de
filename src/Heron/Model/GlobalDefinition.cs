namespace Heron.Model;

/// <summary>A global defined by the module, with its initialising constant expression.</summary>
internal sealed record GlobalDefinition(GlobalType Type, ByteRange Init);
