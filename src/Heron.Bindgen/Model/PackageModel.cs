using System;
using System.Collections.Generic;

namespace Heron.Bindgen.Model;

/// <summary>A WIT package: its interfaces and worlds by name.</summary>
internal sealed class PackageModel(string ns, string name, string? version)
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public string? Version { get; } = version;
    public Dictionary<string, InterfaceModel> Interfaces { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, WorldModel> Worlds { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Key => $"{Namespace}:{Name}{(Version is null ? "" : "@" + Version)}";

    public override string ToString() => Key;
}
