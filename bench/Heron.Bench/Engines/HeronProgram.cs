using Heron.Wasi;

namespace Heron.Bench.Engines;

/// <summary>A module compiled by Heron.</summary>
internal sealed class HeronProgram(Engine engine, Module module) : ICompiledProgram
{
    public IProgramInstance Instantiate(WasiSetup wasi, BenchMarkers markers)
    {
        // No stdin stream: Heron.Wasi gives the guest an empty one, as Wasmtime does.
        var context = new WasiConfiguration()
            .WithArguments(wasi.ProgramName)
            .PreopenDirectory(wasi.Directory, ".", readOnly: true)
            .WithStandardOutput(wasi.Output.OpenStdout())
            .WithStandardError(wasi.Output.OpenStderr())
            .Build();
        var store = new Store(engine);
        // With fuel on, the store gets all it can hold: the checks run, the program never stops.
        if (engine.Config.ConsumeFuel) store.SetFuel(ulong.MaxValue);
        try
        {
            var linker = new Linker(engine)
                .DefineWasi(context)
                .DefineFunction("bench", "start", markers.Start)
                .DefineFunction("bench", "end", markers.End);
            var instance = linker.Instantiate(store, module);
            var start = instance.GetAction("_start")
                ?? throw new InvalidOperationException("the module exports no _start function");
            return new HeronInstance(store, context, start);
        }
        catch
        {
            store.Dispose();
            context.Dispose();
            throw;
        }
    }

    // A Heron module holds no native resources: its generated code goes with the garbage collector.
    public void Dispose() { }
}
