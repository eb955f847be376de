using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;

namespace Heron.Bindgen.Emit;

/// <summary>An imported interface: the C# interface the host implements for it.</summary>
internal sealed record ImportPlan(WorldItem Item, InterfaceModel Interface, string InterfaceName, string Description);

/// <summary>An exported interface: the wrapper class over its functions and the world's property holding it.</summary>
internal sealed record ExportPlan(WorldItem Item, InterfaceModel Interface, string ClassName, string PropertyName);

/// <summary>
/// The C# names for one world's bindings, decided before any code is written: every generated type is a member
/// of the [WitWorld] class, so names from different interfaces that would clash are qualified with their
/// interface's name. Resources of exported interfaces are the guest's (handle classes the host calls); all others
/// the host's (interfaces the host implements).
/// </summary>
internal sealed class WorldPlan
{
    /// <summary>Names the generated support code uses inside the world class.</summary>
    public static readonly string[] SupportNames =
    [
        "Instance", "Instantiate", "AddToLinker", "Result", "Option", "Unit", "Marshal", "HostResources", "ResourceTable",
        "RequireFunction", "RequireInstance", "LinkerResources", "IImports", "_marshal",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];

    public WorldPlan(WorldModel world, string className)
    {
        World = world;
        ClassName = className;
        Members = new NameScope([.. SupportNames, className]);

        var importInterfaces = world.Imports.Where(i => i.Interface is not null).ToList();
        var exportInterfaces = world.Exports.Where(i => i.Interface is not null).ToList();
        foreach (var item in importInterfaces)
        {
            var model = item.Interface!;
            Imports.Add(new ImportPlan(item, model, Members.Claim("I" + CSharpNames.Pascal(model.Name), "Imports"), model.QualifiedName ?? model.Name));
        }
        foreach (var item in exportInterfaces)
        {
            var model = item.Interface!;
            var pascal = CSharpNames.Pascal(model.Name);
            Exports.Add(new ExportPlan(item, model, Members.Claim(pascal + "Exports", "Class"), Members.Claim(pascal, "Exports")));
        }
        foreach (var item in world.Imports.Where(i => i.Function is not null)) ImportFunctions.Add(item.Function!);
        foreach (var item in world.Exports.Where(i => i.Function is not null))
            ExportFunctions.Add((item.Function!, Members.Claim(CSharpNames.Pascal(item.Function!.Name), "Function")));

        var exported = new HashSet<InterfaceModel>(exportInterfaces.Select(i => i.Interface!));
        var imported = new HashSet<InterfaceModel>(importInterfaces.Select(i => i.Interface!));
        var definitions = new List<TypeDefinition>();
        void Collect(ITypeOwner owner)
        {
            foreach (var definition in owner.Types)
                if (definition.Kind != TypeDefinitionKind.Alias && !definitions.Contains(definition)) definitions.Add(definition);
        }
        foreach (var item in importInterfaces.Concat(exportInterfaces)) Collect(item.Interface!);
        Collect(world);

        foreach (var definition in definitions.Where(d => d.Kind == TypeDefinitionKind.Resource))
        {
            if (definition.Owner is InterfaceModel owner && exported.Contains(owner))
            {
                if (imported.Contains(owner))
                    Problems.Add((definition, $"interface '{owner}' is both imported and exported and defines resource '{definition.Name}': bindings for a resource on both sides are not supported"));
                GuestResources[definition] = Exports.First(e => ReferenceEquals(e.Interface, owner));
            }
            else if (definition.Owner is WorldModel)
            {
                Problems.Add((definition, $"resource '{definition.Name}' is defined in world '{world.Name}'; define it in an interface"));
            }
            else
            {
                HostResources.Add(definition);
            }
        }

        // Names: a type's own name when no other generated type wants it, else prefixed with its interface.
        var wanted = definitions.ToDictionary(d => d, BaseName);
        var clashes = wanted.Values.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var definition in definitions)
        {
            var name = wanted[definition];
            if (clashes.Contains(name)) name = (definition.Kind == TypeDefinitionKind.Resource && HostResources.Contains(definition) ? "I" : "")
                + CSharpNames.Pascal(definition.Owner.Name) + CSharpNames.Pascal(definition.Name);
            TypeNames[definition] = Members.Claim(name, "Type");
        }
    }

    public WorldModel World { get; }
    public string ClassName { get; }
    public NameScope Members { get; }
    public List<ImportPlan> Imports { get; } = [];
    public List<ExportPlan> Exports { get; } = [];
    public List<FunctionModel> ImportFunctions { get; } = [];
    public List<(FunctionModel Function, string MethodName)> ExportFunctions { get; } = [];
    public Dictionary<TypeDefinition, string> TypeNames { get; } = new();
    public List<TypeDefinition> HostResources { get; } = [];

    /// <summary>Resources the component exports, with the wrapper of the interface that defines them.</summary>
    public Dictionary<TypeDefinition, ExportPlan> GuestResources { get; } = new();

    /// <summary>What the bindings cannot express, reported instead of generating code.</summary>
    public List<(TypeDefinition Definition, string Message)> Problems { get; } = [];

    private string BaseName(TypeDefinition definition) =>
        (definition.Kind == TypeDefinitionKind.Resource && HostResources.Contains(definition) ? "I" : "") + CSharpNames.Pascal(definition.Name);
}
