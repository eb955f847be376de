namespace Heron.Tests;

/// <summary>
/// Finds the shared test data (spec suites, WASI tests, benchmarks): the folder named by the
/// HERON_SHARED environment variable, else <c>../shared</c> beside the repository root.
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

    /// <summary>The spec test folder for "2.0" or "3.0", or null when the shared data is absent.</summary>
    public static string? WasmTestsuite(string version)
    {
        var root = Root;
        if (root == null) return null;
        var folder = Path.Combine(root, "wasm-testsuite", version);
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The spec test folder, or a test failure that says what is missing.</summary>
    public static string RequireWasmTestsuite(string version) =>
        WasmTestsuite(version) ?? throw new Xunit.Sdk.XunitException(
            $"The WebAssembly spec suite ({version}) was not found: set HERON_SHARED or place 'shared/wasm-testsuite' beside the repository.");

    /// <summary>Wasmtime's own scripts (shared/wasmtime-misc-testsuite), or a test failure that says what is missing.</summary>
    public static string RequireWasmtimeMiscTestsuite()
    {
        var root = Root;
        var folder = root == null ? null : Path.Combine(root, "wasmtime-misc-testsuite");
        return folder != null && Directory.Exists(folder) ? folder : throw new Xunit.Sdk.XunitException(
            "Wasmtime's test scripts were not found: set HERON_SHARED or place 'shared/wasmtime-misc-testsuite' beside the repository.");
    }
}
