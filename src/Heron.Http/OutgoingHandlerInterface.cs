using Heron.Components;

namespace Heron.Http;

/// <summary>
/// <c>wasi:http/outgoing-handler</c>: sends the guest's request with HttpClient when the host allows it;
/// otherwise every request answers <c>HTTP-request-denied</c> before anything leaves the host.
/// </summary>
internal static class OutgoingHandlerInterface
{
    public static void Define(ComponentLinker linker, HttpScope scope)
    {
        linker.Instance("wasi:http/outgoing-handler@0.2.0").DefineFunction("handle", args =>
        {
            var request = scope.OutgoingRequests.Get(args[0]);
            var options = args[1].Payload is { } handle ? scope.RequestOptions.Get(handle) : null;
            if (!scope.AllowOutgoing) return ComponentValue.Error(HttpValues.Error("HTTP-request-denied"));
            var (exchange, error) = OutgoingClient.Start(request, options, scope);
            return exchange != null
                ? ComponentValue.Ok(scope.FutureIncomingResponses.New(new FutureIncomingResponse(exchange)))
                : ComponentValue.Error(error);
        });
    }
}
