using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Heron.Cli;

/// <summary>
/// Adds ReadyToRun native code to a precompiled module's assembly with crossgen2, the .NET SDK's
/// ahead-of-time compiler, from its NuGet package (Microsoft.NETCore.App.Crossgen2.RID, restored with
/// this tool's build, or by any project published with PublishReadyToRun). The code is compiled against
/// this process's own runtime and Heron, which the manifest pins anyway.
/// </summary>
internal static class ReadyToRunCompiler
{
    /// <summary>Overrides where crossgen2 is looked for: the path of its executable.</summary>
    public const string Variable = "HERON_CROSSGEN2";

    /// <summary>The crossgen2 executable to use, or null with the reason none was found.</summary>
    public static (string? Path, string? Missing) Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return File.Exists(configured) ? (configured, null) : (null, $"{Variable} names {configured}, which does not exist");
        var rid = RuntimeInformation.RuntimeIdentifier;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(UserFolders.Home, ".nuget", "packages");
        var package = Path.Combine(packages, "microsoft.netcore.app.crossgen2." + rid);
        var executable = OperatingSystem.IsWindows() ? "crossgen2.exe" : "crossgen2";
        var runtime = Environment.Version;
        // The package made for this very runtime, else the newest of the same major and minor version.
        var candidates = Directory.Exists(package)
            ? Directory.GetDirectories(package)
                .Select(directory => (Directory: directory, Version: Version.TryParse(Path.GetFileName(directory), out var v) ? v : null))
                .Where(c => c.Version is { } v && v.Major == runtime.Major && v.Minor == runtime.Minor && File.Exists(Path.Combine(c.Directory, "tools", executable)))
                .OrderByDescending(c => c.Version == runtime).ThenByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
            return (null, $"crossgen2 for .NET {runtime.Major}.{runtime.Minor} ({rid}) is not in {packages} (restore the NuGet package Microsoft.NETCore.App.Crossgen2.{rid}, or set {Variable})");
        return (Path.Combine(candidates[0].Directory, "tools", executable), null);
    }

    /// <summary>Compiles <paramref name="input"/> to <paramref name="output"/>; returns crossgen2's complaint on failure, or null.</summary>
    public static string? Compile(string crossgen2, string input, string output)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var heron = typeof(Module).Assembly.Location;
        var start = new ProcessStartInfo(crossgen2)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            input, "-o", output, "-O",
            "-r", Path.Combine(framework, "*.dll"), "-r", heron,
            "--targetos", TargetOs(), "--targetarch", RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"crossgen2 failed (exit code {process.ExitCode}): {stderr}{stdout.Result}".Trim();
    }

    private static string TargetOs() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux";
}
