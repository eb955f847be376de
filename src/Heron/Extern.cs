namespace Heron;

/// <summary>Something a module imports or exports: a <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/>, <see cref="Global"/> or <see cref="Tag"/>.</summary>
public abstract class Extern
{
    private protected Extern()
    {
    }

    /// <summary>Which kind of extern this is.</summary>
    public abstract ExternKind Kind { get; }

    /// <summary>The store that owns it, or null for host functions not yet bound to a store.</summary>
    internal abstract Runtime.StoreRuntime? Owner { get; }
}
