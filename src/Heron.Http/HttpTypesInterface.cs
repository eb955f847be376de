using Heron.Components;
using Heron.Wasi.Preview2;

namespace Heron.Http;

/// <summary>
/// <c>wasi:http/types</c> (at 0.2.0, which every <c>@0.2.x</c> import links to): fields, the four message
/// resources, their bodies and futures, and request options, served from one <see cref="HttpScope"/>.
/// </summary>
internal static class HttpTypesInterface
{
    public static void Define(ComponentLinker linker, HttpScope scope)
    {
        var types = linker.Instance("wasi:http/types@0.2.0");
        var wasi = scope.Wasi;
        types.DefineResource("input-stream", wasi.InputStreams.Type)
            .DefineResource("output-stream", wasi.OutputStreams.Type)
            .DefineResource("io-error", wasi.Errors.Type)
            .DefineResource("pollable", wasi.Pollables.Type)
            .DefineResource("fields", scope.Fields.Type)
            .DefineResource("incoming-request", scope.IncomingRequests.Type)
            .DefineResource("outgoing-request", scope.OutgoingRequests.Type)
            .DefineResource("request-options", scope.RequestOptions.Type)
            .DefineResource("response-outparam", scope.ResponseOutparams.Type)
            .DefineResource("incoming-response", scope.IncomingResponses.Type)
            .DefineResource("incoming-body", scope.IncomingBodies.Type)
            .DefineResource("future-trailers", scope.FutureTrailers.Type)
            .DefineResource("outgoing-response", scope.OutgoingResponses.Type)
            .DefineResource("outgoing-body", scope.OutgoingBodies.Type)
            .DefineResource("future-incoming-response", scope.FutureIncomingResponses.Type);

        types.DefineFunction("http-error-code", args =>
            scope.ErrorCode(wasi.Errors.Get(args[0])) is { } code ? ComponentValue.Some(code) : ComponentValue.None);

        DefineFields(types, scope);
        DefineIncoming(types, scope);
        DefineOutgoingRequest(types, scope);
        DefineRequestOptions(types, scope);
        DefineResponses(types, scope);
    }

    private static void DefineFields(ComponentLinkerInstance types, HttpScope scope)
    {
        var fields = scope.Fields;
        types.DefineFunction("[constructor]fields", _ => fields.New(new HttpFields()))
            .DefineFunction("[static]fields.from-list", args =>
            {
                var result = new HttpFields();
                foreach (var entry in args[0].AsList())
                {
                    var pair = entry.AsList();
                    var name = pair[0].AsString();
                    var value = pair[1].AsBytes().ToArray();
                    if (FieldRules.Check(name, [value]) is { } error) return ComponentValue.Error(ComponentValue.Variant(error));
                    result.Append(name, value);
                }
                return ComponentValue.Ok(fields.New(result));
            })
            .DefineFunction("[method]fields.get", args =>
                ComponentValue.List([.. fields.Get(args[0]).Get(args[1].AsString()).Select(v => ComponentValue.Bytes(v))]))
            .DefineFunction("[method]fields.has", args => ComponentValue.Bool(fields.Get(args[0]).Has(args[1].AsString())))
            .DefineFunction("[method]fields.set", args =>
            {
                var target = fields.Get(args[0]);
                var name = args[1].AsString();
                var values = args[2].AsList().Select(v => v.AsBytes().ToArray()).ToArray();
                if (target.CheckChange(name, values) is { } error) return ComponentValue.Error(ComponentValue.Variant(error));
                target.Set(name, values);
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]fields.delete", args =>
            {
                var target = fields.Get(args[0]);
                var name = args[1].AsString();
                if (target.CheckChange(name, []) is { } error) return ComponentValue.Error(ComponentValue.Variant(error));
                target.Delete(name);
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]fields.append", args =>
            {
                var target = fields.Get(args[0]);
                var name = args[1].AsString();
                var value = args[2].AsBytes().ToArray();
                if (target.CheckChange(name, [value]) is { } error) return ComponentValue.Error(ComponentValue.Variant(error));
                target.Append(name, value);
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]fields.entries", args => ComponentValue.List(
                [.. fields.Get(args[0]).Entries.Select(e => ComponentValue.Tuple([ComponentValue.String(e.Name), ComponentValue.Bytes(e.Value)]))]))
            .DefineFunction("[method]fields.clone", args => fields.New(fields.Get(args[0]).Clone()));
    }

    private static void DefineIncoming(ComponentLinkerInstance types, HttpScope scope)
    {
        var requests = scope.IncomingRequests;
        types.DefineFunction("[method]incoming-request.method", args => HttpValues.Method(requests.Get(args[0]).Method))
            .DefineFunction("[method]incoming-request.path-with-query", args => OptionalString(requests.Get(args[0]).PathWithQuery))
            .DefineFunction("[method]incoming-request.scheme", args =>
                requests.Get(args[0]).Scheme is { } scheme ? ComponentValue.Some(HttpValues.Scheme(scheme)) : ComponentValue.None)
            .DefineFunction("[method]incoming-request.authority", args => OptionalString(requests.Get(args[0]).Authority))
            .DefineFunction("[method]incoming-request.headers", args => scope.Fields.New(requests.Get(args[0]).Headers))
            .DefineFunction("[method]incoming-request.consume", args =>
                requests.Get(args[0]).Consume() is { } body ? ComponentValue.Ok(scope.IncomingBodies.New(body)) : ComponentValue.Error());

        var responses = scope.IncomingResponses;
        types.DefineFunction("[method]incoming-response.status", args => ComponentValue.U16(responses.Get(args[0]).Status))
            .DefineFunction("[method]incoming-response.headers", args => scope.Fields.New(responses.Get(args[0]).Headers))
            .DefineFunction("[method]incoming-response.consume", args =>
                responses.Get(args[0]).Consume() is { } body ? ComponentValue.Ok(scope.IncomingBodies.New(body)) : ComponentValue.Error());

        var bodies = scope.IncomingBodies;
        types.DefineFunction("[method]incoming-body.stream", args =>
                bodies.Get(args[0]).TakeStream() is { } stream ? ComponentValue.Ok(scope.Wasi.InputStreams.New(stream)) : ComponentValue.Error())
            .DefineFunction("[static]incoming-body.finish", args => scope.FutureTrailers.New(bodies.Get(args[0]).Finish()));

        var trailers = scope.FutureTrailers;
        types.DefineFunction("[method]future-trailers.subscribe", args =>
            {
                _ = trailers.Get(args[0]);
                return scope.Wasi.Pollables.New(new ReadyPollable());
            })
            .DefineFunction("[method]future-trailers.get", args =>
            {
                if (!trailers.Get(args[0]).TryTake(out var value)) return ComponentValue.Some(ComponentValue.Error());
                var fields = value != null ? ComponentValue.Some(scope.Fields.New(value)) : ComponentValue.None;
                return ComponentValue.Some(ComponentValue.Ok(ComponentValue.Ok(fields)));
            });
    }

    private static void DefineOutgoingRequest(ComponentLinkerInstance types, HttpScope scope)
    {
        var requests = scope.OutgoingRequests;
        types.DefineFunction("[constructor]outgoing-request", args =>
            {
                var headers = scope.Fields.Get(args[0]);
                headers.Freeze();
                return requests.New(new OutgoingRequest(headers));
            })
            .DefineFunction("[method]outgoing-request.body", args =>
                requests.Get(args[0]).TakeBody() is { } body ? ComponentValue.Ok(scope.OutgoingBodies.New(body)) : ComponentValue.Error())
            .DefineFunction("[method]outgoing-request.method", args => requests.Get(args[0]).Method)
            .DefineFunction("[method]outgoing-request.set-method", args =>
            {
                if (HttpValues.MethodName(args[1]) == null) return ComponentValue.Error();
                requests.Get(args[0]).Method = args[1];
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]outgoing-request.path-with-query", args => OptionalString(requests.Get(args[0]).PathWithQuery))
            .DefineFunction("[method]outgoing-request.set-path-with-query", args =>
            {
                var path = args[1].Payload?.AsString();
                if (path != null && (path.Length == 0 || path.Any(c => c <= ' ' || c == 0x7f))) return ComponentValue.Error();
                requests.Get(args[0]).PathWithQuery = path;
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]outgoing-request.scheme", args =>
                requests.Get(args[0]).Scheme is { } scheme ? ComponentValue.Some(scheme) : ComponentValue.None)
            .DefineFunction("[method]outgoing-request.set-scheme", args =>
            {
                if (args[1].Payload is { Label: "other" } other && !Uri.CheckSchemeName(other.Payload!.AsString())) return ComponentValue.Error();
                requests.Get(args[0]).Scheme = args[1].Payload;
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]outgoing-request.authority", args => OptionalString(requests.Get(args[0]).Authority))
            .DefineFunction("[method]outgoing-request.set-authority", args =>
            {
                var authority = args[1].Payload?.AsString();
                if (authority != null && Uri.CheckHostName(authority.Split(':')[0]) == UriHostNameType.Unknown && !authority.StartsWith('[')) return ComponentValue.Error();
                requests.Get(args[0]).Authority = authority;
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]outgoing-request.headers", args => scope.Fields.New(requests.Get(args[0]).Headers));
    }

    private static void DefineRequestOptions(ComponentLinkerInstance types, HttpScope scope)
    {
        var options = scope.RequestOptions;
        types.DefineFunction("[constructor]request-options", _ => options.New(new RequestOptions()))
            .DefineFunction("[method]request-options.connect-timeout", args => OptionalDuration(options.Get(args[0]).ConnectTimeout))
            .DefineFunction("[method]request-options.set-connect-timeout", args => SetDuration(() => options.Get(args[0]).ConnectTimeout = args[1].Payload?.AsU64()))
            .DefineFunction("[method]request-options.first-byte-timeout", args => OptionalDuration(options.Get(args[0]).FirstByteTimeout))
            .DefineFunction("[method]request-options.set-first-byte-timeout", args => SetDuration(() => options.Get(args[0]).FirstByteTimeout = args[1].Payload?.AsU64()))
            .DefineFunction("[method]request-options.between-bytes-timeout", args => OptionalDuration(options.Get(args[0]).BetweenBytesTimeout))
            .DefineFunction("[method]request-options.set-between-bytes-timeout", args => SetDuration(() => options.Get(args[0]).BetweenBytesTimeout = args[1].Payload?.AsU64()));
    }

    private static void DefineResponses(ComponentLinkerInstance types, HttpScope scope)
    {
        var responses = scope.OutgoingResponses;
        types.DefineFunction("[constructor]outgoing-response", args =>
            {
                var headers = scope.Fields.Get(args[0]);
                headers.Freeze();
                return responses.New(new OutgoingResponse(headers));
            })
            .DefineFunction("[method]outgoing-response.status-code", args => ComponentValue.U16(responses.Get(args[0]).Status))
            .DefineFunction("[method]outgoing-response.set-status-code", args =>
            {
                var status = args[1].AsU16();
                if (status is < 100 or > 999) return ComponentValue.Error();
                responses.Get(args[0]).Status = status;
                return ComponentValue.Ok();
            })
            .DefineFunction("[method]outgoing-response.headers", args => scope.Fields.New(responses.Get(args[0]).Headers))
            .DefineFunction("[method]outgoing-response.body", args =>
                responses.Get(args[0]).TakeBody() is { } body ? ComponentValue.Ok(scope.OutgoingBodies.New(body)) : ComponentValue.Error());

        var bodies = scope.OutgoingBodies;
        types.DefineFunction("[method]outgoing-body.write", args =>
            {
                var body = bodies.Get(args[0]);
                return body.TakeStream() ? ComponentValue.Ok(scope.Wasi.OutputStreams.New(new BodyOutput(body.Sink, scope))) : ComponentValue.Error();
            })
            .DefineFunction("[static]outgoing-body.finish", args =>
            {
                var body = bodies.Get(args[0]);
                var trailers = args[1].Payload is { } handle ? scope.Fields.Get(handle) : null;
                return body.Sink.Finish(trailers) is { } error ? ComponentValue.Error(error) : ComponentValue.Ok();
            });

        types.DefineFunction("[static]response-outparam.set", args =>
        {
            var exchange = scope.ResponseOutparams.Get(args[0]).Exchange;
            if (exchange.IsSet) throw new TrapException(TrapCode.HostError, "wasi:http: response-outparam.set called twice");
            var response = args[1];
            if (response.Label == "ok") exchange.Set(responses.Get(response.Payload!));
            else exchange.SetError(response.Payload!);
            return null;
        });

        var futures = scope.FutureIncomingResponses;
        types.DefineFunction("[method]future-incoming-response.subscribe", args =>
                scope.Wasi.Pollables.New(new TaskPollable(futures.Get(args[0]).Completion)))
            .DefineFunction("[method]future-incoming-response.get", args =>
                futures.Get(args[0]).Get(response => scope.IncomingResponses.New(response)));
    }

    private static ComponentValue OptionalString(string? value) => value != null ? ComponentValue.Some(ComponentValue.String(value)) : ComponentValue.None;

    private static ComponentValue OptionalDuration(ulong? value) => value is { } ns ? ComponentValue.Some(ComponentValue.U64(ns)) : ComponentValue.None;

    private static ComponentValue SetDuration(Action set)
    {
        set();
        return ComponentValue.Ok();
    }
}
