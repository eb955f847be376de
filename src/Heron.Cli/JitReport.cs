namespace Heron.Cli;

/// <summary>
/// With <c>HERON_JIT_STATS=1</c> in the environment, <c>heron</c> prints on stderr, as it exits, how many
/// methods the .NET JIT compiled in the process and how long that took: the check that an installed
/// (ReadyToRun) tool does not start by compiling Heron's own code. A diagnostic, not a documented option.
/// </summary>
internal static class JitReport
{
    public const string Variable = "HERON_JIT_STATS";

    public static bool Requested => Environment.GetEnvironmentVariable(Variable) is "1" or "y" or "true";

    public static void Write(TextWriter error) =>
        error.WriteLine(
            $"heron: jit: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, " +
            $"{System.Runtime.JitInfo.GetCompiledILBytes()} IL bytes, " +
            $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} ms");
}
