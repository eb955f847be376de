using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Heron.Bindgen.Tests;

/// <summary>
/// examples/plugin-host from the command a reader types: <c>dotnet run --project examples/plugin-host</c> builds
/// the JavaScript guest with componentize-js (from npm) when it is missing, and prints what its README says.
/// </summary>
public class PluginHostExampleTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Heron.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with Heron.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static (int ExitCode, string Output) Run(string file, string arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test host's own MSBuild settings must not leak into the nested build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeout}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    private static bool NpmReachable(string directory, out string why)
    {
        try
        {
            var (code, output) = Run("npm", "ping --loglevel=error", directory, TimeSpan.FromMinutes(2));
            why = code == 0 ? "" : "npm cannot reach its registry: " + output.Trim();
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "npm is not installed";
            return false;
        }
        catch (TimeoutException)
        {
            why = "npm did not answer within two minutes";
            return false;
        }
    }

    [SkippableFact]
    public void TheExampleRunsWithOneCommandAndPrintsWhatItsReadmeSays()
    {
        var root = RepositoryRoot();
        var example = Path.Combine(root, "examples", "plugin-host");
        if (!File.Exists(Path.Combine(example, "guest", "plugin.wasm")))
            Skip.IfNot(NpmReachable(example, out var why), $"examples/plugin-host builds its guest with componentize-js from npm, and {why}");

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var (code, output) = Run(dotnet, "run --project examples/plugin-host -c Release", root, TimeSpan.FromMinutes(20));
        Assert.True(code == 0, $"dotnet run failed ({code}):\n{output}");

        var readme = File.ReadAllText(Path.Combine(example, "README.md"));
        var expected = Regex.Match(readme, "It prints:\\s*```\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(expected);
        Assert.EndsWith(expected.ReplaceLineEndings("\n").TrimEnd(), output.ReplaceLineEndings("\n").TrimEnd());
    }
}
