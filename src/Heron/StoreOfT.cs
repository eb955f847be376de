namespace Heron;

/// <summary>
/// A store whose host state has a type: <c>new Store&lt;MyState&gt;(engine, state)</c>, read back in host
/// functions with <see cref="Caller.GetData{T}"/>. Everything else is as <see cref="Store"/>.
/// </summary>
/// <typeparam name="T">The type of the host state.</typeparam>
public sealed class Store<T> : Store
{
    /// <summary>Creates an empty store holding <paramref name="data"/>.</summary>
    public Store(Engine engine, T data) : base(engine)
    {
        base.Data = data;
    }

    /// <summary>The host state.</summary>
    public new T Data
    {
        get => (T)base.Data!;
        set => base.Data = value;
    }
}
