namespace Heron.Tests.Attacks;

/// <summary>Runs an attack on its own thread under a time bound and reports how it ended.</summary>
internal static class Bounded
{
    /// <summary>Runs <paramref name="attack"/>; fails the test if it takes longer than <paramref name="seconds"/>
    /// or ends in anything but success or a <see cref="WasmException"/>, which it returns (null on success).</summary>
    public static WasmException? Run(Action attack, int seconds = 60)
    {
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try { attack(); }
            catch (Exception e) { thrown = e; }
        }, 64 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(seconds)), $"the attack did not end within {seconds} s");
        if (thrown is null) return null;
        Assert.True(thrown is WasmException, $"expected success or a WasmException, got {thrown}");
        return (WasmException)thrown;
    }
}
