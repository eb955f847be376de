using System.Collections.Concurrent;
using Heron.Compilation;

namespace Heron.Tests.Compilation;

/// <summary>
/// AllCores.Run with deferred work (the regions of split functions): work queued while other work runs,
/// at any depth, runs exactly once, and the run returns only when all of it has; a failure anywhere is
/// rethrown. On one worker (one core, or a small module) the same holds, in order.
/// </summary>
public class DeferredWorkTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Work_queued_while_running_runs_once_before_the_run_returns(bool parallel)
    {
        using var tokens = new ThreadLocal<TokenCache?>(() => null);
        var deferred = new DeferredWork(tokens);
        var ran = new ConcurrentDictionary<string, int>();
        void Nested(string name, int depth)
        {
            ran.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (depth == 0) return;
            for (int k = 0; k < 3; k++)
            {
                var child = $"{name}.{k}";
                deferred.Add(() => Nested(child, depth - 1));
            }
        }
        var order = Enumerable.Range(0, 8).ToArray();
        AllCores.Run(order, parallel, j =>
        {
            if (j % 2 == 0) Thread.Sleep(1); // let the other worker go idle and wait for queued work
            Nested($"f{j}", depth: 3);
        }, deferred);

        Assert.False(deferred.Unfinished);
        // Each function: 1 + 3 + 9 + 27 pieces, each run exactly once.
        Assert.Equal(8 * 40, ran.Count);
        Assert.All(ran.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_failure_in_deferred_work_is_rethrown()
    {
        using var tokens = new ThreadLocal<TokenCache?>(() => null);
        var deferred = new DeferredWork(tokens);
        var error = Assert.Throws<InvalidOperationException>(() =>
            AllCores.Run([0, 1, 2], parallel: true, j =>
            {
                if (j == 1) deferred.Add(() => throw new InvalidOperationException("region 1 failed"));
            }, deferred));
        Assert.Equal("region 1 failed", error.Message);
    }

    [Fact]
    public void Call_sites_recorded_apart_are_merged_innermost_first()
    {
        using var tokens = new ThreadLocal<TokenCache?>(() => null);
        var deferred = new DeferredWork(tokens);
        var function = new CallSites();
        var region = new CallSites();
        var inner = new CallSites();
        deferred.MergeLater(function, region);
        deferred.MergeLater(region, inner); // queued while the region was compiled, so after it
        region.Callees.Add(4);
        inner.Callees.Add(7);
        inner.HasIndirect = true;
        inner.References.Add(9);
        deferred.MergeSites();
        Assert.Equal([4, 7], function.Callees.Order());
        Assert.True(function.HasIndirect);
        Assert.Equal([9], function.References);
    }
}
