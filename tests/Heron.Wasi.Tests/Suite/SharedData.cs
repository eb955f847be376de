namespace Heron.Wasi.Tests.Suite;

/// <summary>
/// Finds the shared test data: the folder named by <c>HERON_SHARED</c>, else <c>../shared</c> beside the
/// repository root (the folder holding <c>Heron.slnx</c>). Fails with a message saying where it looked.
/// </summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable("HERON_SHARED");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                if (Directory.Exists(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
                throw new DirectoryNotFoundException($"HERON_SHARED names {fromEnvironment}, which does not exist.");
            }
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Heron.slnx"))) continue;
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                if (Directory.Exists(shared)) return shared;
                throw new DirectoryNotFoundException(
                    $"The shared test data is missing: expected {shared} (beside the repository) or a folder named by HERON_SHARED.");
            }
            throw new DirectoryNotFoundException(
                $"Could not find the repository root (Heron.slnx) above {AppContext.BaseDirectory}; set HERON_SHARED to the shared test data.");
        }
    }

    public static string WasiTestsuite
    {
        get
        {
            string path = Path.Combine(Root, "wasi-testsuite");
            return Directory.Exists(path) ? path
                : throw new DirectoryNotFoundException($"The WASI test suite is missing: expected {path}.");
        }
    }
}
