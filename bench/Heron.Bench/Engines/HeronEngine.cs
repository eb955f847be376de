namespace Heron.Bench.Engines;

/// <summary>
/// Heron with its default engine configuration, as an embedder gets it from <c>new Engine()</c>, or with
/// fuel or epoch checks turned on (<c>--fuel</c>, <c>--epoch</c>) to measure what they cost.
/// </summary>
internal sealed class HeronEngine(EngineConfig config) : IEngineUnderTest
{
    private readonly Engine _engine = new(config);

    public string Name => "heron";

    public ICompiledProgram Compile(byte[] wasm, string name) =>
        new HeronProgram(_engine, Module.FromBytes(_engine, wasm, name));

    public void Dispose() { }
}
