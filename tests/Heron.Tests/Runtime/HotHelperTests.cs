using System.Reflection;
using Heron.Runtime;

namespace Heron.Tests.Runtime;

/// <summary>
/// The runtime helpers a guest calls from its loops (memory.fill, recognised byte loops) are compiled fully
/// optimised at their first call: in an application that is not published ReadyToRun they would otherwise run
/// as tier-0 code for as long as the process keeps compiling (docs/performance.md, session 13).
/// </summary>
public sealed class HotHelperTests
{
    public static TheoryData<Type, string> Helpers => new()
    {
        { typeof(MemoryFill), nameof(MemoryFill.Bytes) },
        { typeof(LinearMemory), nameof(LinearMemory.Fill64) },
        { typeof(ByteLoops), nameof(ByteLoops.Copy) },
        { typeof(ByteLoops), nameof(ByteLoops.Fill) },
        { typeof(ByteLoops), nameof(ByteLoops.Mismatch) },
    };

    [Theory]
    [MemberData(nameof(Helpers))]
    public void Is_optimised_at_its_first_call(Type owner, string name)
    {
        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        Assert.True(method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), $"{owner.Name}.{name}");
    }
}
