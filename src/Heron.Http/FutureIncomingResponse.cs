using Heron.Components;

namespace Heron.Http;

/// <summary>
/// The object behind a <c>future-incoming-response</c>: an outgoing request under way on HttpClient. Its
/// pollable waits for the response head; <c>get</c> gives the response or its <c>error-code</c>, once.
/// </summary>
internal sealed class FutureIncomingResponse(Task<(IncomingResponse? Response, ComponentValue? Error)> exchange)
{
    private bool taken;

    public Task Completion => exchange;

    /// <summary>
    /// <c>get</c>'s answer: none while under way, then <c>some(ok(ok(response)))</c> or
    /// <c>some(ok(err(code)))</c>, then <c>some(err)</c> for every later call.
    /// </summary>
    public ComponentValue Get(Func<IncomingResponse, ComponentValue> handle)
    {
        if (!exchange.IsCompleted) return ComponentValue.None;
        if (taken) return ComponentValue.Some(ComponentValue.Error());
        taken = true;
        var (response, error) = exchange.Result;
        return ComponentValue.Some(ComponentValue.Ok(response != null ? ComponentValue.Ok(handle(response)) : ComponentValue.Error(error)));
    }
}

/// <summary>A pollable ready when host work finishes: an outgoing exchange's response head.</summary>
internal sealed class TaskPollable(Task task) : Heron.Wasi.Preview2.HostPollable
{
    public override bool IsReady => task.IsCompleted;

    public override void Block() => ((IAsyncResult)task).AsyncWaitHandle.WaitOne();

    public override TimeSpan Remaining => task.IsCompleted ? TimeSpan.Zero : TimeSpan.MaxValue;

    public override Task? Completion => task;
}
