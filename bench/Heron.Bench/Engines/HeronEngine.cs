namespace Heron.Bench.Engines;

/// <summary>Heron with its default engine configuration, as an embedder gets it from <c>new Engine()</c>.</summary>
internal sealed class HeronEngine : IEngineUnderTest
{
    private readonly Engine _engine = new();

    public string Name => "heron";

    public ICompiledProgram Compile(byte[] wasm, string name) =>
        new HeronProgram(_engine, Module.FromBytes(_engine, wasm, name));

    public void Dispose() { }
}
