namespace Heron.Components.Wit;

/// <summary><c>ns:pkg/iface@version</c> taken apart: the package (<c>ns:pkg@version</c>) and the interface.</summary>
internal sealed record InterfaceName(string Full, string Package, string Interface)
{
    public static InterfaceName? TryParse(string name)
    {
        var at = name.IndexOf('@');
        var path = at < 0 ? name : name[..at];
        var version = at < 0 ? "" : name[at..];
        var slash = path.LastIndexOf('/');
        if (slash < 0 || !path.Contains(':')) return null;
        return new InterfaceName(name, path[..slash] + version, path[(slash + 1)..]);
    }
}
