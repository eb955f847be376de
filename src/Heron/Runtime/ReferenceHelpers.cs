using System.Runtime.CompilerServices;

namespace Heron.Runtime;

/// <summary>
/// Helpers of the typed function reference instructions. The trap makers return the exception for the
/// compiled code to throw (see <see cref="TrapHelpers.MemoryOutOfBoundsTrap"/> for why).
/// </summary>
internal static class ReferenceHelpers
{
    /// <summary>The trap of <c>ref.as_non_null</c> on a null reference.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception NullReferenceTrap() => new TrapException(TrapCode.NullReference, "null reference");

    /// <summary>The trap of <c>call_ref</c> and <c>return_call_ref</c> on a null reference.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception NullFunctionReferenceTrap() => new TrapException(TrapCode.NullReference, "null function reference");

    /// <summary>
    /// The callee of <c>call_ref</c>: validation proved the reference is a function of the expected type
    /// (or a subtype), so only null is left to check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FunctionInstance Callee(object? reference)
    {
        if (reference is null) throw NullFunctionReferenceTrap();
        return Unsafe.As<FunctionInstance>(reference);
    }
}
