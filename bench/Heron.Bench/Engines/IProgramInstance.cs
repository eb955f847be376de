namespace Heron.Bench.Engines;

/// <summary>An instantiated WASI command.</summary>
internal interface IProgramInstance : IDisposable
{
    /// <summary>Calls <c>_start</c> and returns the exit code (0 when it returns without <c>proc_exit</c>); a trap throws.</summary>
    int Run();
}
