namespace Heron.Components.Tests;

/// <summary>
/// Finds the shared test data: the folder named by the HERON_SHARED environment variable, else
/// <c>../shared</c> beside the repository root. Tests that need it fail saying what is missing.
/// </summary>
internal static class SharedData
{
    public static string? Root
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("HERON_SHARED");
            if (!string.IsNullOrEmpty(fromEnvironment)) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Heron.slnx")))
                {
                    var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                    return Directory.Exists(shared) ? shared : null;
                }
            }
            return null;
        }
    }

    /// <summary>A folder of the shared data (for example "component-fixtures"), or a test failure naming it.</summary>
    public static string Require(string folder)
    {
        var root = Root;
        var path = root == null ? null : Path.Combine(root, folder);
        return path != null && Directory.Exists(path) ? path : throw new Xunit.Sdk.XunitException(
            $"The shared test data '{folder}' was not found: set HERON_SHARED or place 'shared/{folder}' beside the repository.");
    }
}
