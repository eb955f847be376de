using System.Runtime.InteropServices;

namespace Heron.Compilation;

/// <summary>
/// Whether the .NET JIT makes a <c>tail.</c> call between two lowered signatures a fast tail call (a jump
/// that reuses the caller's frame) or a slow one through the runtime's tail-call helpers (the arguments
/// copied to a thread-local buffer and a dispatcher frame calling the target). The JIT's rule: fast when the
/// callee's arguments passed on the stack fit in the area the caller's own stack arguments occupy. This
/// mirrors the calling conventions closely enough to choose; the JIT makes the final decision, so a wrong
/// estimate costs speed, never correctness.
/// </summary>
internal static class TailCallAbi
{
    private enum Convention { SystemVX64, WindowsX64, Arm64, Unknown }

    private static readonly Convention Current = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 when OperatingSystem.IsWindows() => Convention.WindowsX64,
        Architecture.X64 => Convention.SystemVX64,
        Architecture.Arm64 => Convention.Arm64,
        _ => Convention.Unknown,
    };

    /// <summary>True when a tail call from a function of <paramref name="caller"/> to one of <paramref name="callee"/> is a fast one.</summary>
    public static bool IsFast(FunctionType caller, FunctionType callee) =>
        Current != Convention.Unknown && StackBytes(callee) <= StackBytes(caller);

    /// <summary>The bytes of stack arguments of a lowered signature (parameters, result pointers, context).</summary>
    public static int StackBytes(FunctionType type)
    {
        int integers = 0, floats = 0, positions = 0, bytes = 0;
        foreach (var parameter in type.Parameters) Add(parameter.Kind);
        for (int r = 1; r < type.Results.Count; r++) Add(ValueKind.I64); // a result pointer
        Add(ValueKind.I64); // the instance context
        return bytes;

        void Add(ValueKind kind)
        {
            switch (Current)
            {
                case Convention.WindowsX64:
                    // Four register positions whatever the kind; a vector goes by reference in one slot.
                    if (positions++ >= 4) bytes += 8;
                    break;
                case Convention.SystemVX64:
                    // The JIT passes Vector128 in memory on System V; six integer and eight float registers.
                    if (kind == ValueKind.V128) bytes += 16;
                    else if (kind is ValueKind.F32 or ValueKind.F64) { if (floats++ >= 8) bytes += 8; }
                    else if (integers++ >= 6) bytes += 8;
                    break;
                case Convention.Arm64:
                    if (kind is ValueKind.F32 or ValueKind.F64 or ValueKind.V128) { if (floats++ >= 8) bytes += kind == ValueKind.V128 ? 16 : 8; }
                    else if (integers++ >= 8) bytes += 8;
                    break;
            }
        }
    }
}
