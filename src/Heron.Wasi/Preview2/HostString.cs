using System.Text;
using Heron.Components;
using Heron.Components.Canon;

namespace Heron.Wasi.Preview2;

/// <summary>
/// Strings WASI hands a guest (arguments, environment, names), marked as UTF-8 text the way Wasmtime's host
/// holds them. Lowering one into a UTF-8 component then allocates its exact size once; a .NET string taken
/// as UTF-16 would go through the canonical ABI's grow-then-shrink reallocation for any non-ASCII text, which
/// the preview 1 adapter's import allocator refuses (it asserts allocations only ever shrink).
/// </summary>
internal static class HostString
{
    public static ComponentValue From(string text) =>
        ComponentValue.LiftedString(new LiftedString(text, StringEncoding.Utf8, (uint)Encoding.UTF8.GetByteCount(text)));
}
