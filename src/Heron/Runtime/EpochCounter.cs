namespace Heron.Runtime;

/// <summary>
/// The engine's epoch: a counter that any thread may increment and compiled code of every store of the
/// engine reads at function entries and loop headers. A class of its own so that the store's runtime
/// can hold it directly and compiled code reaches it with one field load.
/// </summary>
internal sealed class EpochCounter
{
    /// <summary>The current epoch; written with <see cref="Interlocked"/>, read with a volatile load.</summary>
    public long Value;
}
