using WT = Wasmtime;

namespace Heron.Bench.Engines;

/// <summary>A module compiled by Wasmtime.</summary>
internal sealed class WasmtimeProgram(WT.Engine engine, WT.Module module) : ICompiledProgram
{
    public IProgramInstance Instantiate(WasiSetup wasi, BenchMarkers markers)
    {
        var store = new WT.Store(engine);
        var linker = new WT.Linker(engine);
        try
        {
            store.SetWasiConfiguration(new WT.WasiConfiguration()
                .WithArg(wasi.ProgramName)
                .WithPreopenedDirectory(wasi.Directory, ".", false)
                .WithStandardOutputCallback(wasi.Output.WriteStdout)
                .WithStandardErrorCallback(wasi.Output.WriteStderr));
            linker.DefineWasi();
            linker.DefineFunction("bench", "start", markers.Start);
            linker.DefineFunction("bench", "end", markers.End);
            var instance = linker.Instantiate(store, module);
            var start = instance.GetAction("_start")
                ?? throw new InvalidOperationException("the module exports no _start function");
            return new WasmtimeInstance(store, linker, start);
        }
        catch
        {
            linker.Dispose();
            store.Dispose();
            throw;
        }
    }

    public void Dispose() => module.Dispose();
}
