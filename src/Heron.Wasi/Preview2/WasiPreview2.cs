using Heron.Components;
using Heron.Wasi.Preview2;

namespace Heron.Wasi;

/// <summary>
/// WASI 0.2 for components: defines <c>wasi:cli</c>, <c>wasi:io</c>, <c>wasi:clocks</c>, <c>wasi:random</c>,
/// <c>wasi:filesystem</c> and <c>wasi:sockets</c> (at 0.2.0, which every <c>@0.2.x</c> import links to)
/// in a <see cref="ComponentLinker"/>, on the same <see cref="WasiContext"/> (sandbox, streams, clocks,
/// random source) a preview 1 program uses.
/// </summary>
public static class WasiPreview2
{
    /// <summary>
    /// Adds every WASI 0.2 interface to <paramref name="linker"/>, serving them from <paramref name="context"/>.
    /// Resources the guest creates belong to this call's tables: use one linker per context.
    /// </summary>
    public static ComponentLinker AddToLinker(ComponentLinker linker, WasiContext context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(context);
        var host = new Preview2Host(context);
        IoInterfaces.Define(linker, host);
        CliInterfaces.Define(linker, host);
        ClockRandomInterfaces.Define(linker, host);
        FilesystemInterfaces.Define(linker, host);
        SocketInterfaces.Define(linker, host);
        return linker;
    }
}
