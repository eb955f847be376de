namespace Heron.Bench.Micro;

/// <summary>
/// A Heron engine with its default configuration, a store, and a linker that defines <c>host.add</c>:
/// what every Heron micro-benchmark starts from.
/// </summary>
internal sealed class HeronFixture : IDisposable
{
    public Engine Engine { get; } = new();

    public Linker Linker { get; }

    public Store Store { get; }

    public HeronFixture()
    {
        Linker = new Linker(Engine).DefineFunction("host", "add", (Func<int, int, int>)((a, b) => a + b));
        Store = new Store(Engine);
    }

    public Module Compile(string wat) => Module.FromText(Engine, wat, "micro");

    public Instance Instantiate(string wat) => Linker.Instantiate(Store, Compile(wat));

    public void Dispose() => Store.Dispose();
}
