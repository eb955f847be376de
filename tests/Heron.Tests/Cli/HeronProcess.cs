using System.Diagnostics;

namespace Heron.Tests.Cli;

/// <summary>Runs the real <c>heron</c> command (built beside the tests) in a child process and captures its output.</summary>
internal static class HeronProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, configure: null, args);

    /// <summary>As <see cref="Run"/>, with the process's start changed first (environment, arguments before heron.dll).</summary>
    public static Result RunWith(string workingDirectory, Action<ProcessStartInfo>? configure, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "heron.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"heron {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The repository root (where Heron.slnx is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Heron.slnx"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }
}
