namespace Heron.Tests.Cli;

/// <summary><c>heron run -C cache=y</c>: entries reused, replaced when corrupt, written safely by concurrent runs.</summary>
public sealed class CompiledCodeCacheTests : IDisposable
{
    private const string Expected = "Hello from C on Heron!\n";
    private readonly string cacheHome = Directory.CreateTempSubdirectory("heron-cache-").FullName;

    public void Dispose() => Directory.Delete(cacheHome, recursive: true);

    private string Folder => Path.Combine(cacheHome, "heron");

    private HeronProcess.Result Run(params string[] args) =>
        HeronProcess.RunWith(HeronProcess.RepositoryRoot, start => start.Environment["XDG_CACHE_HOME"] = cacheHome, ["run", "-C", "cache=y", .. args]);

    private string[] Entries() => Directory.Exists(Folder) ? Directory.GetFiles(Folder) : [];

    private string SoleEntry()
    {
        var entries = Entries();
        Assert.Single(entries);
        return entries[0];
    }

    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_second_run_uses_the_entry_the_first_one_wrote()
    {
        var first = Run("examples/hello-c.wasm");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(Expected, first.Output);
        var entry = SoleEntry();
        File.SetLastWriteTimeUtc(entry, LongAgo);
        var second = Run("examples/hello-c.wasm");
        Assert.Equal(Expected, second.Output);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(SoleEntry()));
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public void A_corrupt_entry_is_compiled_again_and_replaced(string damage)
    {
        Assert.Equal(0, Run("examples/hello-c.wasm").ExitCode);
        var entry = SoleEntry();
        var bytes = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "flipped": bytes[bytes.Length / 2] ^= 0xFF; break;
            case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
            default: bytes = "not an assembly"u8.ToArray(); break;
        }
        File.WriteAllBytes(entry, bytes);
        File.SetLastWriteTimeUtc(entry, LongAgo);
        var result = Run("examples/hello-c.wasm");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Expected, result.Output);
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(SoleEntry()));
        Assert.Equal(Expected, Run("examples/hello-c.wasm").Output);
    }

    [Fact]
    public void Concurrent_runs_with_an_empty_cache_all_succeed_and_leave_one_whole_entry()
    {
        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ => Run("examples/hello-c.wasm")).ToList();
        Assert.All(results, result => Assert.Equal(Expected, result.Output));
        Assert.All(results, result => Assert.Equal(0, result.ExitCode));
        SoleEntry(); // and no temporary file left behind
        Assert.Equal(Expected, Run("examples/hello-c.wasm").Output);
    }

    [Fact]
    public void Settings_that_change_code_have_entries_of_their_own()
    {
        Assert.Equal(0, Run("examples/hello-c.wasm").ExitCode);
        Assert.Equal(Expected, Run("-W", "fuel=10000000", "examples/hello-c.wasm").Output);
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_module_without_start_is_refused_before_anything_is_compiled_or_cached()
    {
        var result = Run("--invoke", "nothing", "examples/hello.wat");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exports no function named", result.Error);
        Assert.Empty(Entries());
    }
}
