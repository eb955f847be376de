using System.Diagnostics;
using Heron.Compilation;

namespace Heron.Runtime;

/// <summary>
/// Compiled code checks a memory access with an overflow-checked add (see <c>MemoryEmitter</c>), so an
/// access past the end raises the JIT's <see cref="OverflowException"/> inside a generated function. Each
/// entry from the host (<see cref="Function.Invoke"/>, typed entries, instantiation) catches it and
/// raises the out-of-bounds trap instead. Only an overflow thrown by generated code itself is a memory
/// fault: one that a host function throws keeps its own type and travels on unchanged.
/// </summary>
internal static class MemoryFault
{
    /// <summary>True when <paramref name="exception"/> is a bounds check that failed in compiled WebAssembly.</summary>
    public static bool IsFault(Exception exception)
    {
        if (exception is not OverflowException) return false;
        // The JIT raises the overflow through a managed throw helper of the runtime
        // (Internal.Runtime.CompilerHelpers.ThrowHelpers in .NET 10): look past the runtime's own frames.
        var trace = new StackTrace(exception, fNeedFileInfo: false);
        for (int i = 0; i < trace.FrameCount; i++)
        {
            if (trace.GetFrame(i)?.GetMethod() is not { } method) continue;
            if (method.DeclaringType?.Assembly == typeof(object).Assembly) continue;
            return BacktraceBuilder.IsGenerated(method);
        }
        return false;
    }

    /// <summary>The out-of-bounds trap for a fault; its backtrace starts with the fault's frames.</summary>
    public static TrapException Trap(Exception fault) =>
        new(TrapCode.MemoryOutOfBounds, "out of bounds memory access", fault);
}
