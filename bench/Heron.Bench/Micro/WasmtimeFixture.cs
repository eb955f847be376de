using Heron.Bench.Engines;
using WT = Wasmtime;

namespace Heron.Bench.Micro;

/// <summary>
/// A Wasmtime engine (configured as in the side-by-side run), a store, and a linker that defines
/// <c>host.add</c>: what every Wasmtime micro-benchmark starts from.
/// </summary>
internal sealed class WasmtimeFixture : IDisposable
{
    public WT.Engine Engine { get; } = WasmtimeEngine.NewEngine();

    public WT.Linker Linker { get; }

    public WT.Store Store { get; }

    public WasmtimeFixture()
    {
        Linker = new WT.Linker(Engine);
        Linker.DefineFunction("host", "add", (int a, int b) => a + b);
        Store = new WT.Store(Engine);
    }

    public WT.Module Compile(string wat) => WT.Module.FromText(Engine, "micro", wat);

    public WT.Instance Instantiate(string wat)
    {
        using var module = Compile(wat);
        return Linker.Instantiate(Store, module);
    }

    public void Dispose()
    {
        Store.Dispose();
        Linker.Dispose();
        Engine.Dispose();
    }
}
