namespace Heron.Bench.Engines;

/// <summary>
/// One WebAssembly engine as the harness drives it, in the three phases it times apart: compile the bytes,
/// instantiate with WASI and the bench markers, run <c>_start</c>.
/// </summary>
internal interface IEngineUnderTest : IDisposable
{
    string Name { get; }

    ICompiledProgram Compile(byte[] wasm, string name);
}
