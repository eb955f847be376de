namespace Heron.Bench.Engines;

/// <summary>A module compiled by one engine, ready to be instantiated.</summary>
internal interface ICompiledProgram : IDisposable
{
    /// <summary>Links WASI (as <paramref name="wasi"/> describes it) and <c>bench.start/end</c>, and instantiates.</summary>
    IProgramInstance Instantiate(WasiSetup wasi, BenchMarkers markers);
}
