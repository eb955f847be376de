namespace Heron.Runtime.Exceptions;

/// <summary>What compiled code calls to throw and rethrow WebAssembly exceptions.</summary>
internal static class ExceptionHelpers
{
    /// <summary>throw: the exception object for a tag and its filled payload (compiled code throws it).</summary>
    public static ThrownException Create(Tag tag, ExceptionSlot[] slots) => new(tag, slots);

    /// <summary>throw_ref: the exception an exnref holds; a null reference traps.</summary>
    public static Exception Rethrow(object? exnref) =>
        exnref as ThrownException ?? (Exception)new TrapException(TrapCode.NullReference, "null exception reference");
}
