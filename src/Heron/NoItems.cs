namespace Heron;

/// <summary>
/// An empty array of <typeparamref name="T"/>, for the types of Heron's own structs. A collection expression
/// <c>[]</c> of such an array becomes the framework's <c>Array.Empty&lt;T&gt;()</c>, whose instantiation over a
/// Heron struct ReadyToRun cannot precompile: the JIT compiled it (two methods per type) at every start.
/// This class is Heron's own, so its instantiations are precompiled with the rest of Heron.
/// </summary>
internal static class NoItems<T>
{
    public static readonly T[] Array = new T[0];
}
