namespace Heron.Bench.Suite;

/// <summary>
/// The figures of one run of one program in one engine, in milliseconds. <see cref="RunMs"/> is the span
/// between <c>bench.start</c> and <c>bench.end</c>; <see cref="StartMs"/> the whole <c>_start</c> call
/// around it. The Jit figures are what the .NET JIT spent during each phase (process-wide, so a parallel
/// compiler's threads count too). <see cref="RunCpuMs"/> is the CPU time of the guest's thread in the run
/// span: the figure to compare kernels by on a loaded machine, where wall time includes waiting for a core.
/// </summary>
internal sealed record RunSample(
    int Run,
    double CompileMs,
    double InstantiateMs,
    double RunMs,
    double StartMs,
    double CompileJitMs,
    double InstantiateJitMs,
    double StartJitMs,
    double RunJitMs,
    long MethodsJitted,
    int? ExitCode,
    string? Failure,
    double RunCpuMs = double.NaN)
{
    /// <summary>What the user waits for: compile, instantiate and the whole <c>_start</c>.</summary>
    public double WholeMs => CompileMs + InstantiateMs + StartMs;

    /// <summary>All the .NET JIT time of the run.</summary>
    public double JitMs => CompileJitMs + InstantiateJitMs + StartJitMs;
}
