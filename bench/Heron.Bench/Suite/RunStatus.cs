namespace Heron.Bench.Suite;

/// <summary>How an engine did on a program; only <see cref="Ok"/> runs count in the ratios.</summary>
internal enum RunStatus
{
    /// <summary>Ran, and its output matched the expectation (or, with none shipped, Wasmtime's output).</summary>
    Ok,

    /// <summary>Ran to the end but with the wrong output, exit code or bench markers.</summary>
    Wrong,

    /// <summary>Could not compile, instantiate or run it (unsupported feature, trap, crash, timeout).</summary>
    Failed,

    /// <summary>Not run (engine left out on the command line).</summary>
    Skipped,
}
