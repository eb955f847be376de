namespace Heron.Bindgen.Model;

/// <summary>A place in a .wit file, for diagnostics found after parsing.</summary>
internal readonly record struct WitLocation(WitSource? File, int Start, int End)
{
    public static WitLocation None => default;
}
