namespace Heron.Tests.Cli;

/// <summary>
/// The framework's generic code instantiated over a Heron type (a <c>List&lt;ValueType&gt;</c>, LINQ producing a
/// Heron struct, <c>Array.Empty</c> of one, a tuple holding one) cannot be precompiled into Heron's ReadyToRun
/// image: the installed tool JIT-compiled each such method at every start, about 70 of them for a tiny
/// module. This runs <c>heron run</c> with the JIT's own method list and checks that none is left on the path
/// of a WASI program (the test build is not ReadyToRun, but these methods are JIT-compiled either way).
/// </summary>
public class StartPathGenericsTests
{
    [Fact]
    public void Running_a_program_JIT_compiles_no_framework_generic_code_over_Heron_types()
    {
        var list = Path.Combine(Path.GetTempPath(), $"heron-jit-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            var result = HeronProcess.RunWith(HeronProcess.RepositoryRoot, start =>
            {
                start.Environment["DOTNET_JitStdOutFile"] = list;
                start.Environment["DOTNET_JitDisasmSummary"] = "1";
                start.Environment["HERON_JIT_PROFILE"] = "0"; // no methods replayed from an earlier run's profile
            }, "run", "examples/hello-c.wasm");
            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(list), "the runtime wrote no JIT list: DOTNET_JitStdOutFile unsupported?");
            var offending = File.ReadAllLines(list)
                .Where(line => line.Contains("JIT compiled System.") && IsOverHeronType(line))
                .ToList();
            Assert.True(offending.Count == 0, "JIT-compiled at start:\n" + string.Join("\n", offending));
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>
    /// A framework method instantiated over a Heron type. <c>Nullable&lt;T&gt;</c> is exempt: it is marked
    /// non-versionable, so ReadyToRun does compile its instantiations into Heron's image.
    /// </summary>
    private static bool IsOverHeronType(string line)
    {
        var name = line[(line.IndexOf("JIT compiled ", StringComparison.Ordinal) + "JIT compiled ".Length)..];
        var signature = name.IndexOf('(');
        var owner = signature < 0 ? name : name[..signature];
        return owner.Contains("Heron.", StringComparison.Ordinal) && !owner.StartsWith("System.Nullable`1[", StringComparison.Ordinal);
    }
}
