using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    private void WriteSupport()
    {
        WriteLookups();
        WriteHostResourceTables();
        WriteContext();
        if (_types.UsesResult)
        {
            WriteResult();
            WriteUnit();
        }
        if (_types.UsesOption) WriteOption();
    }

    private void WriteLookups()
    {
        using (_w.Block("private static global::Heron.Components.ComponentInstance RequireInstance(global::Heron.Components.ComponentInstance instance, string name)"))
        {
            _w.Line("return instance.GetInstance(name) ?? throw new global::System.ArgumentException($\"the component does not export the interface {name}\");");
        }
        _w.Line();
        using (_w.Block("private static global::Heron.Components.CanonicalFunction RequireFunction(global::Heron.Components.ComponentInstance instance, string name, string owner)"))
        {
            _w.Line("var function = instance.GetFunction(name) ?? throw new global::System.ArgumentException($\"{owner} does not export the function {name}\");");
            _w.Line("return function.Canonical ?? throw new global::System.ArgumentException($\"the function {name} of {owner} is not lifted from core code (a re-exported import?), which these bindings cannot call\");");
        }
        _w.Line();
    }

    /// <summary>
    /// The host's resources live in tables, one per resource type, shared by everything defined in one linker
    /// (an interface using another's resource must see the same handles).
    /// </summary>
    private void WriteHostResourceTables()
    {
        _w.Line("private static readonly global::System.Runtime.CompilerServices.ConditionalWeakTable<global::Heron.Components.ComponentLinker, HostResources> LinkerResources = new();");
        _w.Line();
        using (_w.Block("private static HostResources HostResourcesFor(global::Heron.Components.ComponentLinker linker)"))
        {
            _w.Line("return LinkerResources.GetValue(linker, static _ => new HostResources());");
        }
        _w.Line();
        _w.Line("/// <summary>The resource types the host implements, each with the table of objects behind its handles.</summary>");
        using (_w.Block("internal sealed class HostResources"))
        {
            for (var i = 0; i < _plan.HostResources.Count; i++)
            {
                _w.Line($"public readonly global::Heron.Components.ResourceType Type{i};");
                _w.Line($"public readonly ResourceTable<{Name(_plan.HostResources[i])}> Table{i} = new();");
            }
            _w.Line();
            using (_w.Block("public HostResources()"))
            {
                for (var i = 0; i < _plan.HostResources.Count; i++)
                {
                    _w.Line($"var table{i} = Table{i};");
                    _w.Line($"Type{i} = new global::Heron.Components.ResourceType({CSharpNames.Literal(_plan.HostResources[i].Name)}, rep => (table{i}.Remove(rep) as global::System.IDisposable)?.Dispose());");
                }
            }
            _w.Line();
            using (_w.Block("public void EndLoans()"))
            {
                for (var i = 0; i < _plan.HostResources.Count; i++) _w.Line($"Table{i}.EndLoans();");
            }
        }
        _w.Line();
        _w.Line("/// <summary>Objects behind handles: a handle's representation is its index here.</summary>");
        using (_w.Block("internal sealed class ResourceTable<T> where T : class"))
        {
            _w.Line("private readonly global::System.Collections.Generic.List<T?> _items = new();");
            _w.Line("private readonly global::System.Collections.Generic.Stack<uint> _free = new();");
            _w.Line("private readonly global::System.Collections.Generic.List<uint> _loans = new();");
            _w.Line();
            using (_w.Block("public uint Add(T item)"))
            {
                _w.Line("global::System.ArgumentNullException.ThrowIfNull(item);");
                using (_w.Block("lock (_items)"))
                {
                    using (_w.Block("if (_free.Count > 0)"))
                    {
                        _w.Line("var rep = _free.Pop();");
                        _w.Line("_items[(int)rep] = item;");
                        _w.Line("return rep;");
                    }
                    _w.Line("_items.Add(item);");
                    _w.Line("return (uint)(_items.Count - 1);");
                }
            }
            _w.Line();
            using (_w.Block("public T Get(uint rep)"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("return rep < (uint)_items.Count && _items[(int)rep] is { } item ? item");
                    _w.Line("    : throw new global::System.InvalidOperationException($\"no {typeof(T).Name} has the handle representation {rep}\");");
                }
            }
            _w.Line();
            using (_w.Block("public T Remove(uint rep)"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("var item = Get(rep);");
                    _w.Line("_items[(int)rep] = null;");
                    _w.Line("_free.Push(rep);");
                    _w.Line("return item;");
                }
            }
            _w.Line();
            _w.Line("/// <summary>Puts an object in the table for the length of one call that borrows it.</summary>");
            using (_w.Block("public uint Lend(T item)"))
            {
                _w.Line("var rep = Add(item);");
                _w.Line("lock (_items) _loans.Add(rep);");
                _w.Line("return rep;");
            }
            _w.Line();
            using (_w.Block("public void EndLoans()"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("foreach (var rep in _loans) Remove(rep);");
                    _w.Line("_loans.Clear();");
                }
            }
        }
        _w.Line();
    }

    /// <summary>
    /// The context of one call: the canonical ABI of the component instance being called or calling (its memory,
    /// realloc and string encoding), the call or caller that moves handles, and the host's resource tables.
    /// </summary>
    private void WriteContext()
    {
        _w.Line("/// <summary>The host's resource tables and, for calls into a component, the world object.</summary>");
        using (_w.Block("internal sealed class Marshal"))
        {
            _w.Line("internal readonly HostResources Host;");
            _w.Line($"internal readonly {_plan.ClassName}? World;");
            _w.Line();
            using (_w.Block($"internal Marshal(HostResources host, {_plan.ClassName}? world)"))
            {
                _w.Line("Host = host;");
                _w.Line("World = world;");
            }
        }
        _w.Line();
        _w.Line("/// <summary>One call across the canonical ABI: into the component (Call) or from it (Caller).</summary>");
        using (_w.Block("internal readonly struct Cx"))
        {
            _w.Line("public readonly global::Heron.Components.CanonicalAbi Abi;");
            _w.Line("public readonly global::Heron.Components.CanonicalCall Call;");
            _w.Line("public readonly global::Heron.Components.CanonicalCaller Caller;");
            _w.Line("public readonly bool IsImport;");
            _w.Line("public readonly Marshal M;");
            _w.Line();
            using (_w.Block("public Cx(global::Heron.Components.CanonicalAbi abi, global::Heron.Components.CanonicalCall call, Marshal marshal)"))
            {
                _w.Line("Abi = abi;");
                _w.Line("Call = call;");
                _w.Line("Caller = default;");
                _w.Line("IsImport = false;");
                _w.Line("M = marshal;");
            }
            _w.Line();
            using (_w.Block("public Cx(global::Heron.Components.CanonicalCaller caller, Marshal marshal)"))
            {
                _w.Line("Abi = caller.Abi;");
                _w.Line("Call = default;");
                _w.Line("Caller = caller;");
                _w.Line("IsImport = true;");
                _w.Line("M = marshal;");
            }
        }
        _w.Line();
        _w.Line("/// <summary>The canonical ABI for the types of this world: each value lowered, lifted, stored and loaded directly.</summary>");
        using (_w.Block("internal static class Canon"))
        {
            _canon.WriteMethods(_w);
        }
        _w.Line();
        foreach (var (name, declaration) in _delegates.Values.OrderBy(d => d.Name, System.StringComparer.Ordinal))
            _w.Line(declaration);
        _w.Line();
    }
}
