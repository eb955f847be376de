namespace Heron.Tests.Runtime;

/// <summary>Compiles and instantiates text-format modules for runtime tests.</summary>
internal static class Wasm
{
    public static readonly Engine Engine = new();

    public static Instance Instantiate(string wat, Linker? linker = null, Store? store = null)
    {
        var module = Module.FromText(Engine, wat);
        return (linker ?? new Linker(Engine)).Instantiate(store ?? new Store(Engine), module);
    }

    public static Value[] Call(this Instance instance, string name, params Value[] args) =>
        instance.GetFunction(name)!.Invoke(args);

    public static TrapException Traps(Action action) => Assert.Throws<TrapException>(action);
}
