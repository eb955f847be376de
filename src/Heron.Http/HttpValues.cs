using Heron.Components;

namespace Heron.Http;

/// <summary>
/// The wasi:http variants as component values: <c>method</c>, <c>scheme</c>, <c>error-code</c> and
/// <c>header-error</c>, to and from their .NET counterparts.
/// </summary>
internal static class HttpValues
{
    private static readonly string[] StandardMethods = ["get", "head", "post", "put", "delete", "connect", "options", "trace", "patch"];

    /// <summary>The <c>method</c> variant of an HTTP method name: a known case, else <c>other</c>.</summary>
    public static ComponentValue Method(string method)
    {
        // Method names are case-sensitive: "GET" is the get case, "get" some other method.
        foreach (var known in StandardMethods)
            if (method == known.ToUpperInvariant()) return ComponentValue.Variant(known);
        return ComponentValue.Variant("other", ComponentValue.String(method));
    }

    /// <summary>The method name a <c>method</c> variant stands for; null for an <c>other</c> that is no token.</summary>
    public static string? MethodName(ComponentValue method) => method.Label == "other"
        ? method.Payload!.AsString() is var name && FieldRules.IsToken(name) ? name : null
        : method.Label!.ToUpperInvariant();

    public static ComponentValue Scheme(string scheme) => scheme.ToLowerInvariant() switch
    {
        "http" => ComponentValue.Variant("HTTP"),
        "https" => ComponentValue.Variant("HTTPS"),
        _ => ComponentValue.Variant("other", ComponentValue.String(scheme)),
    };

    public static string SchemeName(ComponentValue scheme) => scheme.Label switch
    {
        "HTTP" => "http",
        "HTTPS" => "https",
        _ => scheme.Payload!.AsString(),
    };

    /// <summary>An <c>error-code</c> without payload, such as <c>HTTP-request-denied</c>.</summary>
    public static ComponentValue Error(string label) => ComponentValue.Variant(label);

    /// <summary><c>internal-error(some(message))</c>.</summary>
    public static ComponentValue InternalError(string message) =>
        ComponentValue.Variant("internal-error", ComponentValue.Some(ComponentValue.String(message)));

    /// <summary>The <c>error-code</c> a failed outgoing exchange answers with.</summary>
    public static ComponentValue FromException(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
            ComponentValue.Variant("DNS-error", ComponentValue.Record([("rcode", ComponentValue.None), ("info-code", ComponentValue.None)])),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => Error("connection-refused"),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => Error("TLS-protocol-error"),
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => Error("HTTP-response-incomplete"),
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => Error("HTTP-protocol-error"),
        HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } =>
            ComponentValue.Variant("HTTP-response-header-section-size", ComponentValue.None),
        OperationCanceledException or TimeoutException => Error("connection-timeout"),
        _ => InternalError(exception.Message),
    };
}
