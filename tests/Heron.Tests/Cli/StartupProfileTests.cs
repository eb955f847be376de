namespace Heron.Tests.Cli;

/// <summary><c>heron run</c> keeps the runtime's multicore JIT profile of its own start in the user's cache folder.</summary>
public sealed class StartupProfileTests : IDisposable
{
    private readonly string cacheHome = Directory.CreateTempSubdirectory("heron-profile-").FullName;

    public void Dispose() => Directory.Delete(cacheHome, recursive: true);

    // The tests run heron.dll as built beside them, the same build as the one loaded here.
    private string ProfilePath => Path.Combine(cacheHome, "heron", "jit-profile", Heron.Cli.StartupProfile.ProfileName("run"));

    private HeronProcess.Result RunHello(string? profileSetting = null) =>
        HeronProcess.RunWith(HeronProcess.RepositoryRoot, start =>
        {
            start.Environment["XDG_CACHE_HOME"] = cacheHome;
            if (profileSetting != null) start.Environment["HERON_JIT_PROFILE"] = profileSetting;
        }, "run", "examples/hello-c.wasm");

    [Fact]
    public void A_run_records_the_profile_the_next_run_uses()
    {
        var first = RunHello();
        Assert.Equal(0, first.ExitCode);
        Assert.True(new FileInfo(ProfilePath).Length > 0, "no profile written at " + ProfilePath);
        var second = RunHello();
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void HERON_JIT_PROFILE_0_writes_nothing()
    {
        Assert.Equal(0, RunHello("0").ExitCode);
        Assert.False(File.Exists(ProfilePath));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(4096)]
    public void A_damaged_profile_is_ignored(int length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ProfilePath)!);
        var junk = new byte[length];
        new Random(length).NextBytes(junk);
        File.WriteAllBytes(ProfilePath, junk);
        var result = RunHello();
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Hello from C on Heron!", result.Output);
    }

    [Fact]
    public void A_profile_written_by_another_run_in_the_middle_is_ignored()
    {
        Assert.Equal(0, RunHello().ExitCode);
        var bytes = File.ReadAllBytes(ProfilePath);
        // Half of one run's profile followed by another's: what two runs ending together could leave.
        File.WriteAllBytes(ProfilePath, [.. bytes.AsSpan(0, bytes.Length / 2), .. bytes]);
        Assert.Equal(0, RunHello().ExitCode);
    }

    [Fact]
    public void An_unwritable_cache_folder_does_not_stop_the_run()
    {
        File.WriteAllText(Path.Combine(cacheHome, "heron"), "a file where the folder should be");
        var result = RunHello();
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Hello from C on Heron!", result.Output);
    }

    [Fact]
    public void Without_XDG_CACHE_HOME_the_profile_is_kept_under_HOME()
    {
        if (OperatingSystem.IsWindows()) return; // there the home folder is the user profile, not $HOME
        var result = HeronProcess.RunWith(HeronProcess.RepositoryRoot, start =>
        {
            start.Environment.Remove("XDG_CACHE_HOME");
            start.Environment["HOME"] = cacheHome;
        }, "run", "examples/hello-c.wasm");
        Assert.Equal(0, result.ExitCode);
        var profile = Path.Combine(cacheHome, ".cache", "heron", "jit-profile", Heron.Cli.StartupProfile.ProfileName("run"));
        Assert.True(File.Exists(profile), "no profile written at " + profile);
    }

    [Fact]
    public void TheProfileIsNamedAfterTheToolsBuildAsGuidFormatsIt()
    {
        var build = typeof(Heron.Cli.StartupProfile).Assembly.ManifestModule.ModuleVersionId;
        Assert.Equal($"run-{build:N}.jitprofile", Heron.Cli.StartupProfile.ProfileName("run"));
    }
}
