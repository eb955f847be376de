using Heron.Wasi;

namespace Heron.Bench.Engines;

/// <summary>An instantiated command in its own Heron store.</summary>
internal sealed class HeronInstance(Store store, WasiContext context, Action start) : IProgramInstance
{
    public int Run()
    {
        try
        {
            start();
            return 0;
        }
        catch (Exception e) when (WasiCommand.ExitCode(e) is int code)
        {
            return code;
        }
    }

    public void Dispose()
    {
        store.Dispose();
        context.Dispose();
    }
}
