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
        var offending = FrameworkMethodsJitCompiled("examples/hello-c.wasm", IsOverHeronType);
        Assert.True(offending.Count == 0, "JIT-compiled at start:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Compiling_SIMD_code_JIT_compiles_no_framework_table_of_its_own()
    {
        // v128 constants, a shuffle (its masks are pooled constants too), an intrinsic and a helper instruction.
        var offending = FrameworkMethodsJitCompiled(WasmFile("simd", """
            (module
              (func (export "_start")
                (drop (i32x4.extract_lane 1
                  (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
                    (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8))
                    (i32x4.shl (v128.const i32x4 9 10 11 12) (i32.const 3)))))))
            """), line => IsOverHeronType(line)
                || line.Contains("ValueTuple`2[ulong,ulong]", StringComparison.Ordinal) || line.Contains("Enum:TryParse", StringComparison.Ordinal));
        Assert.True(offending.Count == 0, "JIT-compiled while compiling SIMD code:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Splitting_a_function_that_runs_once_JIT_compiles_no_tuple_collections()
    {
        // A _start of about 19 KB: heron run's tiered code splits it (SplitLimits.RunOnce).
        var text = new System.Text.StringBuilder("(module (func (export \"_start\") (local $x i32)\n");
        for (int b = 0; b < 60; b++)
        {
            text.Append("  (block\n");
            for (int s = 0; s < 40; s++) text.Append("    (local.set $x (i32.add (local.get $x) (i32.const ").Append(b * 40 + s).Append(")))\n");
            text.Append("    (br_if 0 (i32.eqz (local.get $x))))\n");
        }
        text.Append("))");
        var split = false;
        var offending = FrameworkMethodsJitCompiled(WasmFile("split", text.ToString()), line =>
            IsOverHeronType(line) || line.Contains("ValueTuple`", StringComparison.Ordinal) || line.Contains("List`1[byte]", StringComparison.Ordinal),
            line => split |= line.Contains(":f0r", StringComparison.Ordinal));
        Assert.True(split, "the function was not split");
        Assert.True(offending.Count == 0, "JIT-compiled while splitting:\n" + string.Join("\n", offending));
    }

    /// <summary>
    /// Runs <c>heron run FILE</c> with the JIT's own list of the methods it compiles (no methods replayed from
    /// an earlier run's profile) and returns the framework's among them that <paramref name="offends"/>;
    /// <paramref name="seen"/>, when given, sees every line. A file made by <see cref="WasmFile"/> is deleted.
    /// </summary>
    private static List<string> FrameworkMethodsJitCompiled(string file, Func<string, bool> offends, Action<string>? seen = null)
    {
        var list = Path.Combine(Path.GetTempPath(), $"heron-jit-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            var result = HeronProcess.RunWith(HeronProcess.RepositoryRoot, start =>
            {
                start.Environment["DOTNET_JitStdOutFile"] = list;
                start.Environment["DOTNET_JitDisasmSummary"] = "1";
                start.Environment["HERON_JIT_PROFILE"] = "0";
            }, "run", file);
            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(list), "the runtime wrote no JIT list: DOTNET_JitStdOutFile unsupported?");
            var lines = File.ReadAllLines(list);
            if (seen is not null) foreach (var line in lines) seen(line);
            return lines.Where(line => line.Contains("JIT compiled System.") && offends(line)).ToList();
        }
        finally
        {
            File.Delete(list);
            if (file.StartsWith(Path.GetTempPath(), StringComparison.Ordinal)) File.Delete(file);
        }
    }

    /// <summary>A temporary binary module made from <paramref name="wat"/>: binary, so that the text parser's own generic code stays out of the list.</summary>
    private static string WasmFile(string name, string wat)
    {
        var path = Path.Combine(Path.GetTempPath(), $"heron-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, Heron.Text.WatParser.ParseModule(wat));
        return path;
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
