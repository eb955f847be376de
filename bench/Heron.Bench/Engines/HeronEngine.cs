namespace Heron.Bench.Engines;

/// <summary>Heron with its default engine configuration. Interim: Heron's public API is not on main yet.</summary>
internal sealed class HeronEngine : IEngineUnderTest
{
    public string Name => "heron";

    public ICompiledProgram Compile(byte[] wasm, string name) =>
        throw new NotSupportedException("Heron's public API (Engine, Module, Linker) is not on main yet");

    public void Dispose() { }
}
