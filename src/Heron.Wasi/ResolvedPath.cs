namespace Heron.Wasi;

/// <summary>A guest path resolved inside its directory descriptor.</summary>
/// <param name="HostPath">The host path it names; no component of it leaves the descriptor's directory.</param>
/// <param name="TrailingSlash">The guest wrote a trailing slash, so the path must name a directory.</param>
/// <param name="NamesBase">The path names the directory itself or an ancestor-free alias of it (".", "a/..").</param>
/// <param name="EndsInDot">The last component the guest wrote is "." or "..", which no entry can be created or removed as.</param>
internal readonly record struct ResolvedPath(string HostPath, bool TrailingSlash, bool NamesBase, bool EndsInDot);
