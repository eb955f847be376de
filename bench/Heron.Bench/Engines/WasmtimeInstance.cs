using WT = Wasmtime;

namespace Heron.Bench.Engines;

/// <summary>An instantiated command in its own Wasmtime store.</summary>
internal sealed class WasmtimeInstance(WT.Store store, WT.Linker linker, Action start) : IProgramInstance
{
    public int Run()
    {
        try
        {
            start();
            return 0;
        }
        catch (WT.WasmtimeException e) when (e.ExitCode is int code)
        {
            return code;
        }
    }

    public void Dispose()
    {
        linker.Dispose();
        store.Dispose();
    }
}
