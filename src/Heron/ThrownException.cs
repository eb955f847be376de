using Heron.Runtime;
using Heron.Runtime.Exceptions;

namespace Heron;

/// <summary>
/// A WebAssembly exception: a <see cref="Tag"/> and the payload values its type describes. WebAssembly's
/// <c>throw</c> raises one, its <c>try_table</c> catches one (by tag identity, or any with
/// <c>catch_all</c>), and one that no WebAssembly frame catches reaches the host as this exception. A host
/// function may throw one for WebAssembly to catch. The same object is WebAssembly's <c>exnref</c> value.
/// Traps are never WebAssembly exceptions: they are <see cref="TrapException"/>s, which no WebAssembly
/// handler catches.
/// </summary>
public sealed class ThrownException : WasmException
{
    private const string UncaughtMessage = "uncaught WebAssembly exception";

    private IReadOnlyList<Value>? payload;

    internal ThrownException(Tag tag, ExceptionSlot[] slots) : base(UncaughtMessage)
    {
        Tag = tag;
        Slots = slots;
    }

    /// <summary>An exception of <paramref name="tag"/> carrying <paramref name="payload"/>, one value per parameter of the tag's type.</summary>
    /// <exception cref="ArgumentException">The values do not match the tag's type.</exception>
    public ThrownException(Tag tag, params Value[] payload) : base(UncaughtMessage)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(payload);
        var types = tag.Type.Parameters;
        if (payload.Length != types.Count)
            throw new ArgumentException($"the tag's type {tag.Type} takes {types.Count} values, got {payload.Length}", nameof(payload));
        Tag = tag;
        Slots = new ExceptionSlot[types.Count];
        for (int i = 0; i < types.Count; i++)
        {
            if (!ValueConversion.Matches(payload[i], types[i]))
                throw new ArgumentException($"payload value {i} is {payload[i].Type}, the tag's type says {types[i]}", nameof(payload));
            Slots[i] = ExceptionPayload.ToSlot(payload[i], types[i]);
        }
    }

    /// <summary>The tag the exception was thrown with.</summary>
    public Tag Tag { get; }

    /// <summary>The payload, one value per parameter of the tag's type.</summary>
    public IReadOnlyList<Value> Payload => payload ??= ExceptionPayload.ToValues(Slots, Tag.Type.Parameters);

    internal ExceptionSlot[] Slots { get; }
}
