using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;

namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    /// <summary>The C# names of an imported interface's members: functions, then each resource's constructor and static functions.</summary>
    private readonly Dictionary<FunctionModel, string> _hostMemberNames = new();

    /// <summary>
    /// A resource the host implements: a C# interface with its methods. The constructor and static functions
    /// belong to the imported interface's C# interface, since they are called without an object.
    /// </summary>
    private void WriteHostResource(TypeDefinition definition)
    {
        _w.Doc(definition.Doc ?? $"The WIT resource {definition.Name}, implemented by the host.");
        _w.Line("/// <remarks>When the component drops its last handle, the object is disposed if it implements <see cref=\"global::System.IDisposable\"/>.</remarks>");
        using (_w.Block($"public interface {Name(definition)}"))
        {
            var scope = new NameScope(Name(definition));
            foreach (var method in definition.Functions.Where(f => f.Kind == FunctionKind.Method))
            {
                var name = scope.Claim(CSharpNames.Pascal(method.Name), "Method");
                _hostMemberNames[method] = name;
                FunctionDoc(method, $"The method {method.Name} of {definition.Name}.");
                _w.Line($"{ReturnType(method)} {name}({Parameters(method, skipSelf: true)});");
            }
        }
    }

    private void WriteImports()
    {
        foreach (var import in _plan.Imports) WriteImportInterface(import);
        if (_plan.ImportFunctions.Count > 0) WriteWorldImports();
        var groups = _plan.Imports.Count + (_plan.ImportFunctions.Count > 0 ? 1 : 0);
        if (groups > 1) WriteAddAllToLinker();
    }

    private void WriteImportInterface(ImportPlan import)
    {
        var model = import.Interface;
        var scope = new NameScope(import.InterfaceName);
        _w.Doc(model.Doc ?? $"What the host implements for the imported interface {import.Description}.");
        using (_w.Block($"public interface {import.InterfaceName}"))
        {
            foreach (var function in model.Functions)
            {
                var name = scope.Claim(CSharpNames.Pascal(function.Name), "Function");
                _hostMemberNames[function] = name;
                FunctionDoc(function, $"The function {function.Name}.");
                _w.Line($"{ReturnType(function)} {name}({Parameters(function, skipSelf: false)});");
            }
            foreach (var resource in OwnResources(model))
            {
                foreach (var function in resource.Functions.Where(f => f.Kind != FunctionKind.Method))
                {
                    var wanted = function.Kind == FunctionKind.Constructor
                        ? "Create" + CSharpNames.Pascal(resource.Name)
                        : CSharpNames.Pascal(resource.Name) + CSharpNames.Pascal(function.Name);
                    var name = scope.Claim(wanted, "Function");
                    _hostMemberNames[function] = name;
                    FunctionDoc(function, function.Kind == FunctionKind.Constructor
                        ? $"Makes a new {resource.Name} (its WIT constructor)."
                        : $"The static function {function.Name} of {resource.Name}.");
                    _w.Line($"{ReturnType(function)} {name}({Parameters(function, skipSelf: false)});");
                }
            }
        }
        _w.Line();

        _w.Line($"/// <summary>Defines the imported interface {CSharpNames.Xml(import.Description)} in a linker, implemented by <paramref name=\"implementation\"/>.</summary>");
        using (_w.Block($"public static void AddToLinker(global::Heron.Components.ComponentLinker linker, {import.InterfaceName} implementation)"))
        {
            _w.Line("global::System.ArgumentNullException.ThrowIfNull(linker);");
            _w.Line("global::System.ArgumentNullException.ThrowIfNull(implementation);");
            _w.Line("var marshal = new Marshal(HostResourcesFor(linker), null);");
            _w.Line($"var instance = linker.Instance({CSharpNames.Literal(import.Item.Key)});");
            foreach (var resource in OwnResources(model))
                _w.Line($"instance.DefineResource({CSharpNames.Literal(resource.Name)}, marshal.Host.Type{HostResourceIndex(resource)});");
            foreach (var function in model.Functions) WriteHostFunction("instance", function, "implementation");
            foreach (var resource in OwnResources(model))
                foreach (var function in resource.Functions) WriteHostFunction("instance", function, "implementation");
        }
        _w.Line();
    }

    /// <summary>Functions a world imports directly (not through an interface) form one interface, <c>IImports</c>.</summary>
    private void WriteWorldImports()
    {
        var scope = new NameScope("IImports");
        _w.Doc($"What the host implements for the functions world {_plan.World.Name} imports directly.");
        using (_w.Block("public interface IImports"))
        {
            foreach (var function in _plan.ImportFunctions)
            {
                var name = scope.Claim(CSharpNames.Pascal(function.Name), "Function");
                _hostMemberNames[function] = name;
                FunctionDoc(function, $"The function {function.Name}.");
                _w.Line($"{ReturnType(function)} {name}({Parameters(function, skipSelf: false)});");
            }
        }
        _w.Line();
        _w.Line("/// <summary>Defines the functions the world imports directly in a linker, implemented by <paramref name=\"implementation\"/>.</summary>");
        using (_w.Block("public static void AddToLinker(global::Heron.Components.ComponentLinker linker, IImports implementation)"))
        {
            _w.Line("global::System.ArgumentNullException.ThrowIfNull(linker);");
            _w.Line("global::System.ArgumentNullException.ThrowIfNull(implementation);");
            _w.Line("var marshal = new Marshal(HostResourcesFor(linker), null);");
            foreach (var function in _plan.ImportFunctions) WriteHostFunction("linker.Root", function, "implementation");
        }
        _w.Line();
    }

    /// <summary>One <c>AddToLinker</c> taking an implementation of everything the world imports.</summary>
    private void WriteAddAllToLinker()
    {
        var scope = new NameScope("linker");
        var parameters = new List<(string Type, string Name)>();
        foreach (var import in _plan.Imports)
            parameters.Add((import.InterfaceName, scope.Claim(CSharpNames.Camel(import.Interface.Name), "Implementation")));
        if (_plan.ImportFunctions.Count > 0) parameters.Add(("IImports", scope.Claim("imports", "Implementation")));
        _w.Line($"/// <summary>Defines everything world {CSharpNames.Xml(_plan.World.Name)} imports in a linker.</summary>");
        using (_w.Block($"public static void AddToLinker(global::Heron.Components.ComponentLinker linker, {string.Join(", ", parameters.Select(p => p.Type + " " + p.Name))})"))
        {
            foreach (var (_, name) in parameters) _w.Line($"AddToLinker(linker, {name});");
        }
        _w.Line();
    }

    /// <summary>
    /// <c>instance.DefineFunction(name, args => ...)</c>: lifts the arguments, calls the implementation (or, for a
    /// method, the resource object the first argument borrows) and lowers the result.
    /// </summary>
    private void WriteHostFunction(string instance, FunctionModel function, string implementation)
    {
        var arguments = new List<string>();
        for (var i = 0; i < function.Parameters.Count; i++)
        {
            if (i == 0 && function.Kind == FunctionKind.Method) continue;
            arguments.Add(_types.Lift(function.Parameters[i].Type, $"args[{i}]", "marshal."));
        }
        var callee = function.Kind == FunctionKind.Method
            ? $"{_types.Lift(function.Parameters[0].Type, "args[0]", "marshal.")}.{_hostMemberNames[function]}"
            : $"{implementation}.{_hostMemberNames[function]}";
        var call = $"{callee}({string.Join(", ", arguments)})";
        using (_w.Block($"{instance}.DefineFunction({CSharpNames.Literal(function.ExternName)}, args =>", "});"))
        {
            if (function.Result is null)
            {
                _w.Line(call + ";");
                _w.Line("return null;");
            }
            else
            {
                _w.Line($"var result = {call};");
                _w.Line($"return {_types.Lower(function.Result, "result", "marshal.")};");
            }
        }
    }

    /// <summary>The resources an interface defines itself (not those it uses).</summary>
    private static IEnumerable<TypeDefinition> OwnResources(InterfaceModel model) =>
        model.Types.Where(t => t.Kind == TypeDefinitionKind.Resource);

    private int HostResourceIndex(TypeDefinition resource) => _plan.HostResources.IndexOf(resource);
}
