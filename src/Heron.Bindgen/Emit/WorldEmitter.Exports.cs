using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;

namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    /// <summary>For each exported function, the wrapper field holding its <c>ComponentFunction</c>.</summary>
    private readonly Dictionary<FunctionModel, string> _functionFields = new();

    /// <summary>For each exported function, its C# method name (on the wrapper, or on the resource class for a method).</summary>
    private readonly Dictionary<FunctionModel, string> _guestMemberNames = new();

    private void WriteExports()
    {
        foreach (var export in _plan.Exports) WriteExportWrapper(export);
    }

    /// <summary>
    /// The wrapper of an exported interface: one method per function, plus each resource's constructor
    /// (<c>CreateX</c>) and static functions (<c>XName</c>); a resource's methods are on its handle class.
    /// </summary>
    /// <summary>Names every exported function's C# member and field first: resource classes are written before the wrappers that call for them.</summary>
    private void NameExports()
    {
        foreach (var export in _plan.Exports)
        {
            var model = export.Interface;
            var scope = new NameScope(export.ClassName, "Marshal", "Functions");
            var functions = ExportedFunctions(model);
            for (var i = 0; i < functions.Count; i++) _functionFields[functions[i]] = $"F{i}";
            foreach (var function in model.Functions) _guestMemberNames[function] = scope.Claim(CSharpNames.Pascal(function.Name), "Function");
            foreach (var resource in OwnResources(model))
            {
                var methods = new NameScope(Name(resource), "Handle", "Dispose", "Exports");
                foreach (var function in resource.Functions)
                {
                    _guestMemberNames[function] = function.Kind switch
                    {
                        FunctionKind.Constructor => scope.Claim("Create" + CSharpNames.Pascal(resource.Name), "Function"),
                        FunctionKind.Static => scope.Claim(CSharpNames.Pascal(resource.Name) + CSharpNames.Pascal(function.Name), "Function"),
                        _ => methods.Claim(CSharpNames.Pascal(function.Name), "Method"),
                    };
                }
            }
        }
    }

    private static List<FunctionModel> ExportedFunctions(InterfaceModel model) =>
        model.Functions.Concat(OwnResources(model).SelectMany(r => r.Functions)).ToList();

    private void WriteExportWrapper(ExportPlan export)
    {
        var model = export.Interface;
        var functions = ExportedFunctions(model);
        _w.Doc(model.Doc ?? $"The functions of the exported interface {model.QualifiedName ?? model.Name}, called through the component instance.");
        using (_w.Block($"public sealed class {export.ClassName}"))
        {
            _w.Line("internal readonly Marshal Marshal;");
            for (var i = 0; i < functions.Count; i++) _w.Line($"internal readonly global::Heron.Components.ComponentFunction F{i};");
            _w.Line();
            using (_w.Block($"internal {export.ClassName}(global::Heron.Components.ComponentInstance instance, Marshal marshal)"))
            {
                _w.Line("Marshal = marshal;");
                _w.Line($"var exports = RequireInstance(instance, {CSharpNames.Literal(export.Item.Key)});");
                for (var i = 0; i < functions.Count; i++)
                    _w.Line($"F{i} = RequireFunction(exports, {CSharpNames.Literal(functions[i].ExternName)}, {CSharpNames.Literal(export.Item.Key)});");
            }
            foreach (var function in functions.Where(f => f.Kind != FunctionKind.Method))
            {
                _w.Line();
                FunctionDoc(function, function.Kind switch
                {
                    FunctionKind.Constructor => $"Calls the constructor of {function.Resource!.Name} in the component; the caller owns the new handle.",
                    FunctionKind.Static => $"Calls the static function {function.Name} of {function.Resource!.Name}.",
                    _ => $"Calls {function.Name} in the component.",
                });
                _w.Line($"public {ReturnType(function)} {_guestMemberNames[function]}({Parameters(function, skipSelf: false)})");
                WriteGuestCall(function, "Marshal", "", skipSelf: false);
            }
        }
        _w.Line();
    }

    /// <summary>
    /// A resource the component implements: a handle class whose methods call the component. Disposing it drops
    /// the handle, which runs the component's destructor.
    /// </summary>
    private void WriteGuestResource(TypeDefinition definition)
    {
        var export = _plan.GuestResources[definition];
        _w.Doc(definition.Doc ?? $"The WIT resource {definition.Name}, implemented by the component: an owned handle.");
        using (_w.Block($"public sealed class {Name(definition)} : global::System.IDisposable"))
        {
            _w.Line($"private readonly {export.ClassName} _exports;");
            _w.Line();
            using (_w.Block($"internal {Name(definition)}({export.ClassName} exports, {Handle} handle)"))
            {
                _w.Line("_exports = exports;");
                _w.Line("Handle = handle;");
            }
            _w.Line();
            _w.Line("/// <summary>The runtime's handle to the resource.</summary>");
            _w.Line($"public {Handle} Handle {{ get; }}");
            foreach (var method in definition.Functions.Where(f => f.Kind == FunctionKind.Method))
            {
                _w.Line();
                FunctionDoc(method, $"Calls the method {method.Name} of {definition.Name} in the component.");
                _w.Line($"public {ReturnType(method)} {_guestMemberNames[method]}({Parameters(method, skipSelf: true)})");
                WriteGuestCall(method, "_exports.Marshal", "_exports.", skipSelf: true);
            }
            _w.Line();
            _w.Line("/// <summary>Drops the handle (once), running the component's destructor for the resource.</summary>");
            using (_w.Block("public void Dispose()"))
            {
                _w.Line("if (!Handle.IsConsumed) Handle.Drop();");
            }
        }
    }

    /// <summary>
    /// The body of a method calling an exported function: lower the arguments, invoke, lift the result. Host
    /// resources lent to the call are taken back from the handle table when it returns.
    /// </summary>
    private void WriteGuestCall(FunctionModel function, string marshal, string functionsOwner, bool skipSelf)
    {
        var via = marshal + ".";
        var arguments = function.Parameters.Select((p, i) => skipSelf && i == 0
            ? _types.Lower(p.Type, "this", via)
            : _types.Lower(p.Type, CSharpNames.Camel(p.Name), via)).ToList();
        var invoke = $"{functionsOwner}{_functionFields[function]}.Invoke({string.Join(", ", arguments)})";
        var lends = function.Parameters.Any(p => LendsHostResource(p.Type));
        using (_w.Block(""))
        {
            if (lends) _w.Line("try").Line("{");
            if (function.Result is null)
            {
                _w.Line(invoke + ";");
            }
            else
            {
                _w.Line($"var result = {invoke};");
                _w.Line($"return {_types.Lift(function.Result, "result!", via)};");
            }
            if (lends)
            {
                _w.Line("}").Line("finally").Line("{");
                _w.Line($"    {marshal}.Host.EndLoans();");
                _w.Line("}");
            }
        }
    }

    /// <summary>True when lowering the type may lend a host object to the component (a borrow of a host resource).</summary>
    private bool LendsHostResource(WitType type)
    {
        type = TypeOps.Normalize(type);
        return type switch
        {
            HandleType handle => handle.IsBorrow && !_plan.GuestResources.ContainsKey(handle.Resource),
            ListType list => LendsHostResource(list.Element),
            OptionType option => LendsHostResource(option.Inner),
            ResultType result => (result.Ok is not null && LendsHostResource(result.Ok)) || (result.Error is not null && LendsHostResource(result.Error)),
            TupleType tuple => tuple.Elements.Any(LendsHostResource),
            NamedType named => named.Definition.Fields.Any(f => LendsHostResource(f.Type))
                || named.Definition.Cases.Any(c => c.Payload is not null && LendsHostResource(c.Payload)),
            _ => false,
        };
    }

    /// <summary>The world class itself: the instance, a property per exported interface, a method per exported function.</summary>
    private void WriteWorldMembers()
    {
        var cls = _plan.ClassName;
        _w.Line("private readonly Marshal _marshal;");
        for (var i = 0; i < _plan.ExportFunctions.Count; i++) _w.Line($"private readonly global::Heron.Components.ComponentFunction _export{i};");
        _w.Line();
        _w.Line("/// <summary>The component instance these bindings call.</summary>");
        _w.Line("public global::Heron.Components.ComponentInstance Instance { get; }");
        foreach (var export in _plan.Exports)
        {
            _w.Line();
            _w.Line($"/// <summary>The exported interface {CSharpNames.Xml(export.Item.Key)}.</summary>");
            _w.Line($"public {export.ClassName} {export.PropertyName} {{ get; }}");
        }
        _w.Line();
        using (_w.Block($"private {cls}(global::Heron.Components.ComponentInstance instance, HostResources host)"))
        {
            _w.Line("Instance = instance;");
            _w.Line("_marshal = new Marshal(host, this);");
            foreach (var export in _plan.Exports) _w.Line($"{export.PropertyName} = new {export.ClassName}(instance, _marshal);");
            for (var i = 0; i < _plan.ExportFunctions.Count; i++)
            {
                var function = _plan.ExportFunctions[i].Function;
                _w.Line($"_export{i} = RequireFunction(instance, {CSharpNames.Literal(function.ExternName)}, \"the component\");");
                _functionFields[function] = $"_export{i}";
            }
        }
        _w.Line();
        _w.Line($"/// <summary>");
        _w.Line($"/// Instantiates a component of world {CSharpNames.Xml(_plan.World.QualifiedName)} with the imports defined in");
        _w.Line($"/// <paramref name=\"linker\"/> (see the <c>AddToLinker</c> methods) and wraps its exports.");
        _w.Line($"/// </summary>");
        using (_w.Block($"public static {cls} Instantiate(global::Heron.Components.ComponentLinker linker, global::Heron.Store store, global::Heron.Components.Component component)"))
        {
            _w.Line("global::System.ArgumentNullException.ThrowIfNull(linker);");
            _w.Line($"return new {cls}(linker.Instantiate(store, component), HostResourcesFor(linker));");
        }
        foreach (var (function, name) in _plan.ExportFunctions)
        {
            _w.Line();
            FunctionDoc(function, $"Calls {function.Name} in the component.");
            _w.Line($"public {ReturnType(function)} {name}({Parameters(function, skipSelf: false)})");
            WriteGuestCall(function, "_marshal", "", skipSelf: false);
        }
        _w.Line();
    }
}
