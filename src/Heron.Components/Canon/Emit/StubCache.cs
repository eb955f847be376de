using System.Collections.Concurrent;
using System.Reflection;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// Compiled stubs by signature shape (<see cref="StubKey"/>), so a signature is compiled once per process:
/// instantiating a component again, or another component with the same signatures, compiles nothing.
/// </summary>
internal static class StubCache
{
    private static readonly ConcurrentDictionary<(string Key, bool PostReturn, Type? Delegate), Lazy<MethodInfo>> Lifts = new();
    private static readonly ConcurrentDictionary<(string Key, Type? Delegate), Lazy<nint>> Lowers = new();

    /// <summary>How many stubs were compiled (what tests check the cache by).</summary>
    public static int Compiled;

    public static MethodInfo Lift(FlatSignature signature, string key, ResourceType[] resources, bool postReturn, Type? delegateType) =>
        Lifts.GetOrAdd((key, postReturn, delegateType), _ => new Lazy<MethodInfo>(() =>
        {
            Interlocked.Increment(ref Compiled);
            return LiftStub.Build(signature, resources, postReturn, delegateType);
        })).Value;

    public static nint Lower(FlatSignature signature, string key, ResourceType[] resources, Type? delegateType) =>
        Lowers.GetOrAdd((key, delegateType), _ => new Lazy<nint>(() =>
        {
            Interlocked.Increment(ref Compiled);
            return LowerStub.Build(signature, resources, delegateType);
        })).Value;
}
