namespace Heron.Bench.Suite;

/// <summary>
/// Finds the shared data beside the repository: the folder named by HERON_SHARED, else <c>../shared</c>
/// relative to the directory holding <c>Heron.slnx</c> (searched upward from the working directory and from
/// the program's own folder, so both <c>dotnet run</c> and a copied build find it).
/// </summary>
internal static class SharedFolder
{
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HERON_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Heron.slnx"))) continue;
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                if (Directory.Exists(shared)) return shared;
                break;
            }
        }
        return null;
    }

    public static string? Sightglass()
    {
        var root = Find();
        if (root == null) return null;
        var folder = Path.Combine(root, "bench", "sightglass");
        return Directory.Exists(folder) ? folder : null;
    }
}
