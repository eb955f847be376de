namespace Heron.Components.Model;

/// <summary>The kinds of attribute an import or export name may carry.</summary>
internal enum NameAttributeKind : byte
{
    /// <summary><c>(implements "ns:pkg/iface")</c>: the interface a plain-named instance implements.</summary>
    Implements = 0,
    /// <summary><c>(versionsuffix "...")</c>: the rest of a semver whose canonical prefix is in the name.</summary>
    VersionSuffix = 1,
    /// <summary><c>(external-id "...")</c>.</summary>
    ExternalId = 2,
}

internal sealed record NameAttribute(NameAttributeKind Kind, string Value);

/// <summary>
/// An import or export name with its attributes (<c>nameattributes</c>). <see cref="Name"/> is the
/// <c>externname</c> as written (kebab-case, <c>[method]r.m</c>, <c>ns:pkg/iface@1.2.3</c>, ...); its syntax and
/// the attributes' uniqueness are checked by the validator, so <see cref="Attributes"/> keeps them as written.
/// </summary>
internal sealed record ExternName(string Name)
{
    public IReadOnlyList<NameAttribute> Attributes { get; init; } = [];

    /// <summary>Byte offset of the name in the binary, for errors about its syntax.</summary>
    public int Offset { get; init; }

    public string? Implements => Find(NameAttributeKind.Implements);

    public string? VersionSuffix => Find(NameAttributeKind.VersionSuffix);

    public string? ExternalId => Find(NameAttributeKind.ExternalId);

    private string? Find(NameAttributeKind kind)
    {
        foreach (var attribute in Attributes) if (attribute.Kind == kind) return attribute.Value;
        return null;
    }

    public override string ToString() => Name;
}
