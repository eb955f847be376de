using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;

namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    /// <summary>For each exported function, the index of its fields (F: the function, C: its core delegate, P: its post-return).</summary>
    private readonly Dictionary<FunctionModel, int> _functionSlots = new();

    /// <summary>For each exported function, its C# method name (on the wrapper, or on the resource class for a method).</summary>
    private readonly Dictionary<FunctionModel, string> _guestMemberNames = new();

    /// <summary>Names every exported function's C# member and fields first: resource classes are written before the wrappers that call for them.</summary>
    private void NameExports()
    {
        foreach (var export in _plan.Exports)
        {
            var model = export.Interface;
            var scope = new NameScope(export.ClassName, "Marshal");
            var functions = ExportedFunctions(model);
            for (var i = 0; i < functions.Count; i++) _functionSlots[functions[i]] = i;
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
        for (var i = 0; i < _plan.ExportFunctions.Count; i++) _functionSlots[_plan.ExportFunctions[i].Function] = i;
    }

    private static List<FunctionModel> ExportedFunctions(InterfaceModel model) =>
        model.Functions.Concat(OwnResources(model).SelectMany(r => r.Functions)).ToList();

    private void WriteExports()
    {
        foreach (var export in _plan.Exports) WriteExportWrapper(export);
    }

    /// <summary>The fields holding an exported function, its typed core function and its post-return function.</summary>
    private void WriteFunctionFields(IReadOnlyList<FunctionModel> functions, string prefix)
    {
        for (var i = 0; i < functions.Count; i++)
        {
            var shape = new FunctionShape(functions[i]);
            _w.Line($"internal readonly global::Heron.Components.CanonicalFunction {prefix}F{i};");
            _w.Line($"internal readonly {Delegate(shape.CoreResult, shape.CoreParameters, withCaller: false)} {prefix}C{i};");
            _w.Line($"internal readonly {Delegate(null, shape.CoreResult is { } r ? [r] : [], withCaller: false)}? {prefix}P{i};");
        }
    }

    /// <summary>Takes each function's typed delegates once, when the wrapper is made (a signature that does not fit fails here).</summary>
    private void WriteFunctionLookups(IReadOnlyList<FunctionModel> functions, string prefix, string instance, string owner)
    {
        for (var i = 0; i < functions.Count; i++)
        {
            var shape = new FunctionShape(functions[i]);
            _w.Line($"{prefix}F{i} = RequireFunction({instance}, {CSharpNames.Literal(functions[i].ExternName)}, {owner});");
            _w.Line($"{prefix}C{i} = {prefix}F{i}.Core.AsDelegate<{Delegate(shape.CoreResult, shape.CoreParameters, withCaller: false)}>();");
            _w.Line($"{prefix}P{i} = {prefix}F{i}.PostReturn?.AsDelegate<{Delegate(null, shape.CoreResult is { } r ? [r] : [], withCaller: false)}>();");
        }
    }

    /// <summary>
    /// The wrapper of an exported interface: one method per function, plus each resource's constructor
    /// (<c>CreateX</c>) and static functions (<c>XName</c>); a resource's methods are on its handle class.
    /// </summary>
    private void WriteExportWrapper(ExportPlan export)
    {
        var model = export.Interface;
        var functions = ExportedFunctions(model);
        _w.Doc(model.Doc ?? $"The functions of the exported interface {model.QualifiedName ?? model.Name}, called through the component instance.");
        using (_w.Block($"public sealed class {export.ClassName}"))
        {
            _w.Line("internal readonly Marshal Marshal;");
            foreach (var resource in OwnResources(model))
                _w.Line($"internal readonly global::Heron.Components.ResourceType {CanonTypeMethods.GuestResourceField(resource)};");
            WriteFunctionFields(functions, "");
            _w.Line();
            using (_w.Block($"internal {export.ClassName}(global::Heron.Components.ComponentInstance instance, Marshal marshal)"))
            {
                var owner = CSharpNames.Literal(export.Item.Key);
                _w.Line("Marshal = marshal;");
                _w.Line($"var exports = RequireInstance(instance, {owner});");
                foreach (var resource in OwnResources(model))
                    _w.Line($"{CanonTypeMethods.GuestResourceField(resource)} = exports.GetResource({CSharpNames.Literal(resource.Name)}) ?? throw new global::System.ArgumentException(\"{export.Item.Key} does not export the resource {resource.Name}\");");
                WriteFunctionLookups(functions, "", "exports", owner);
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
    /// The body of a method calling an exported function, as the canonical ABI prescribes: enter the instance,
    /// lower the arguments to flat values (or into a parameter area), call the core function, lift the result
    /// (from a flat value or the result area it points to), check that lent handles came back, run the
    /// post-return function, leave. Host objects lent to the call leave the handle table when it ends.
    /// </summary>
    private void WriteGuestCall(FunctionModel function, string marshal, string owner, bool skipSelf)
    {
        var shape = new FunctionShape(function);
        var slot = _functionSlots[function];
        var (f, c, p) = ($"{owner}F{slot}", $"{owner}C{slot}", $"{owner}P{slot}");
        if (owner.Length == 0 && marshal == "_marshal") (f, c, p) = ($"_F{slot}", $"_C{slot}", $"_P{slot}");
        var lends = function.Parameters.Any(x => LendsHostResource(x.Type));
        using (_w.Block(""))
        {
            _w.Line($"var call = {f}.Enter();");
            _w.Line("var completed = false;");
            _w.Line("try").Line("{");
            using (Indent())
            {
                _w.Line($"var cx = new Cx({f}.Abi, call, {marshal});");
                var arguments = function.Parameters.Select((x, i) => skipSelf && i == 0 ? "this" : CSharpNames.Camel(x.Name)).ToList();
                var flat = new List<string>();
                if (shape.ParametersInMemory)
                {
                    _w.Line($"var arguments = cx.Abi.Allocate({shape.Parameters.Alignment}u, {shape.Parameters.Size}u);");
                    for (var i = 0; i < function.Parameters.Count; i++)
                        _canon.Store(_w, function.Parameters[i].Type, arguments[i], $"arguments + {shape.Parameters.FieldOffsets[i]}u");
                    flat.Add("(int)arguments");
                }
                else
                {
                    for (var i = 0; i < function.Parameters.Count; i++)
                    {
                        var locals = _canon.DeclareFlat(_w, AbiLayout.Of(function.Parameters[i].Type).FlatTypes);
                        _canon.LowerFlat(_w, function.Parameters[i].Type, arguments[i], locals);
                        flat.AddRange(locals);
                    }
                }
                var invoke = $"{c}({string.Join(", ", flat)})";
                if (function.Result is null)
                {
                    _w.Line(invoke + ";");
                    _w.Line("call.Return();");
                    _w.Line($"{p}?.Invoke();");
                    _w.Line("completed = true;");
                }
                else
                {
                    _w.Line($"var core = {invoke};");
                    if (shape.ResultInMemory)
                    {
                        _w.Line($"cx.Abi.CheckPointer((uint)core, {shape.Result!.Size}u, {shape.Result.Alignment});");
                        _w.Line($"var result = {_canon.Load(function.Result, "(uint)core")};");
                    }
                    else
                    {
                        _w.Line($"var result = {_canon.LiftFlat(function.Result, ["core"])};");
                    }
                    _w.Line("call.Return();");
                    _w.Line($"{p}?.Invoke(core);");
                    _w.Line("completed = true;");
                    _w.Line("return result;");
                }
            }
            _w.Line("}").Line("finally").Line("{");
            using (Indent())
            {
                _w.Line("call.Exit(completed);");
                if (lends) _w.Line($"{marshal}.Host.EndLoans();");
            }
            _w.Line("}");
        }
    }

    private CodeWriter.Indentation Indent() => _w.Indent();

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
        var functions = _plan.ExportFunctions.Select(e => e.Function).ToList();
        _w.Line("private readonly Marshal _marshal;");
        WriteFunctionFields(functions, "_");
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
            WriteFunctionLookups(functions, "_", "instance", "\"the component\"");
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
