namespace Heron.Components;

/// <summary>
/// Names what components import: host functions and resource types, grouped in instances named like the
/// interfaces components import (<c>wasi:cli/stdout@0.2.0</c>), and other component instances' exports.
/// Versioned interface names match compatible versions (a component importing <c>@0.2.3</c> links with
/// a definition of <c>@0.2.0</c>).
/// </summary>
public sealed class ComponentLinker
{
    public ComponentLinker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    public Engine Engine { get; }

    /// <summary>
    /// Instances made by this linker lift and lower by walking the types per value (the interpreter kept as
    /// the oracle of the compiled canonical ABI) instead of running code compiled per signature.
    /// </summary>
    internal bool InterpretCanonicalAbi { get; set; }

    /// <summary>The top-level definitions: what a component imports by a plain name.</summary>
    public ComponentLinkerInstance Root { get; } = new("");

    /// <summary>The instance (interface) of that name at the top level, created on first use.</summary>
    public ComponentLinkerInstance Instance(string name) => Root.Instance(name);

    /// <summary>
    /// Instantiates a component in a store, supplying each import from this linker's definitions. A missing
    /// or mismatched import raises a <see cref="LinkException"/> naming it; a trap while the component's
    /// core modules start raises a <see cref="TrapException"/>.
    /// </summary>
    public ComponentInstance Instantiate(Store store, Component component)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(component);
        if (store.Engine != component.Engine) throw new ArgumentException("the store and the component belong to different engines");
        return Runtime.ComponentInstantiator.Instantiate(store, component.Closure, Root.Find, parent: null, InterpretCanonicalAbi);
    }
}
