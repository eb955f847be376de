using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Heron.Http;

/// <summary>The request being served as an <c>incoming-request</c>: method, target, headers, and its body as a stream.</summary>
internal static class IncomingRequestReader
{
    public static IncomingRequest Read(HttpContext context, HttpScope scope)
    {
        var request = context.Request;
        var headers = new HttpFields();
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
                if (value != null) headers.AddTrusted(name, System.Text.Encoding.Latin1.GetBytes(value));
        headers.Freeze();
        var target = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        var body = new IncomingBody(new BodyInput(request.Body, scope), () => Trailers(context));
        return new IncomingRequest(request.Method, target, string.IsNullOrEmpty(request.Scheme) ? null : request.Scheme,
            request.Host.HasValue ? request.Host.Value : null, headers, body);
    }

    /// <summary>The request's trailers, which the server knows once the body was read to its end.</summary>
    private static HttpFields? Trailers(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestTrailersFeature>() is not { Available: true } feature || feature.Trailers.Count == 0) return null;
        var trailers = new HttpFields();
        foreach (var (name, values) in feature.Trailers)
            foreach (var value in values)
                if (value != null) trailers.AddTrusted(name, System.Text.Encoding.Latin1.GetBytes(value));
        trailers.Freeze();
        return trailers;
    }
}
