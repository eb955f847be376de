using Heron.Components;

namespace Heron.Wasi.Preview2;

/// <summary>
/// Strings WASI hands a guest (arguments, environment, names). A host string lands in the guest with one
/// allocation of its exact size in whatever encoding the guest uses (the preview 1 adapter's import
/// allocator refuses anything else: it asserts allocations only ever shrink), so a plain string will do.
/// </summary>
internal static class HostString
{
    public static ComponentValue From(string text) => ComponentValue.String(text);
}
