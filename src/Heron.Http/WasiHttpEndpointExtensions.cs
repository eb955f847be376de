using Heron.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Heron.Http;

/// <summary>Maps a wasi:http component into an ASP.NET Core app's routes.</summary>
public static class WasiHttpEndpointExtensions
{
    /// <summary>
    /// Serves every request under <paramref name="prefix"/> (the prefix itself included, any method) with
    /// <paramref name="handler"/>. The component sees the whole path, prefix included.
    /// </summary>
    public static IEndpointConventionBuilder MapWasiHttp(this IEndpointRouteBuilder endpoints, string prefix, WasiHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(handler);
        // A catch-all parameter also matches nothing, so the one pattern covers the prefix and all below it.
        return endpoints.Map(prefix.TrimEnd('/') + "/{**wasiHttpPath}", handler.HandleAsync);
    }

    /// <summary>Serves every request under <paramref name="prefix"/> with <paramref name="component"/> and <paramref name="options"/>.</summary>
    public static IEndpointConventionBuilder MapWasiHttp(this IEndpointRouteBuilder endpoints, string prefix, Component component, WasiHttpOptions? options = null) =>
        endpoints.MapWasiHttp(prefix, new WasiHttpHandler(component, options));
}
