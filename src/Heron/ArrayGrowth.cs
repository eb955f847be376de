namespace Heron;

/// <summary>
/// Growing an array by doubling, for the small collections of Heron's own on the start path. A generic method
/// defined here is compiled into Heron's ReadyToRun image for the types Heron uses it with; the framework's
/// <c>List&lt;T&gt;</c> and <c>Array.Resize</c> over those types are not, and were JIT-compiled at every start.
/// </summary>
internal static class ArrayGrowth
{
    /// <summary><paramref name="items"/>, or a copy at least twice as long, with room for <paramref name="index"/>.</summary>
    public static T[] ToHold<T>(T[] items, int index)
    {
        if (index < items.Length) return items;
        var grown = new T[Math.Max(index + 1, items.Length * 2)];
        items.CopyTo(grown, 0);
        return grown;
    }
}
