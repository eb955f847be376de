using Heron.Runtime;

namespace Heron.Components.Canon.Emit;

/// <summary>Core functions made of compiled stubs: the code pointer, and a context whose host target the stub reads.</summary>
internal static class LoweredCore
{
    public static Function Function(Store store, FunctionType type, nint stub, object target)
    {
        var engine = store.Engine;
        var canonical = engine.Signatures[engine.Signatures.Register(type)];
        var context = new InstanceContext(store.Runtime) { HostTarget = target };
        return Heron.Function.Wrap(new FunctionInstance(stub, canonical, type, context));
    }
}
