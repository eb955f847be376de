namespace Heron.Components.Wast;

/// <summary>
/// Which component scripts are outside what Heron implements, and why. A script is out when it sits in an
/// <c>async/</c> folder (the asynchronous ABI of WASI 0.3), when a <c>nyi.txt</c> beside it or in a folder
/// above lists it (the reference suite's scripts that land before any engine implements them), or, found
/// while it runs, a command is out when the component it loads, instantiates or calls uses a part of the component
/// model Heron does not run (<see cref="UnsupportedFeatureException"/>): that command is reported as skipped with
/// its reason, never counted as passed, and the script's other commands run on.
/// </summary>
internal static class ComponentScriptScope
{
    /// <summary>Why the script at <paramref name="path"/> is out of scope before it runs, or null.</summary>
    public static string? BeforeRunning(string path)
    {
        var full = Path.GetFullPath(path);
        var folders = full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (folders[..^1].Contains("async")) return "it is in an async/ folder: the asynchronous ABI (WASI 0.3) is not implemented";
        for (var folder = Path.GetDirectoryName(full); folder != null; folder = Path.GetDirectoryName(folder))
        {
            var list = Path.Combine(folder, "nyi.txt");
            if (!File.Exists(list)) continue;
            var relative = "./" + Path.GetRelativePath(folder, full).Replace(Path.DirectorySeparatorChar, '/');
            if (File.ReadLines(list).Any(line => line.Trim() == relative))
                return $"{Path.GetRelativePath(folder, list)} lists it: the suite has it before any engine implements it";
            break;
        }
        return null;
    }

    /// <summary>The reason for a command on line <paramref name="line"/> found to need <paramref name="unsupported"/>.</summary>
    public static string WhileRunning(UnsupportedFeatureException unsupported, int line, string command) =>
        $"line {line} ({command}): its component needs {unsupported.Feature}, which Heron does not implement";
}
