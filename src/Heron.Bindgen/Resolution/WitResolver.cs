using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Syntax;
using Microsoft.CodeAnalysis;

namespace Heron.Bindgen.Resolution;

/// <summary>
/// Turns parsed .wit files into resolved packages: files are grouped into packages (a file without a
/// <c>package</c> declaration belongs to the package its folder's files declare, as a WIT directory does),
/// then every interface and world is resolved on demand, so definitions may come in any order across files,
/// and cycles are found where they close.
/// </summary>
internal sealed partial class WitResolver
{
    private enum State { InProgress, Done }

    /// <summary>A file, or a nested <c>package { }</c> block in one: the package its items belong to and its top-level uses.</summary>
    private sealed class Unit(WitSource file, PackageModel package)
    {
        public WitSource File { get; } = file;
        public PackageModel Package { get; } = package;
        public Dictionary<string, TopLevelUseSyntax> Uses { get; } = new(System.StringComparer.OrdinalIgnoreCase);
    }

    private readonly List<WitDiagnostic> _diagnostics = [];
    private readonly Dictionary<string, PackageModel> _packages = new(System.StringComparer.Ordinal);
    private readonly Dictionary<InterfaceModel, (InterfaceSyntax Syntax, Unit Unit)> _interfaceSyntax = new();
    private readonly Dictionary<WorldModel, (WorldSyntax Syntax, Unit Unit)> _worldSyntax = new();
    private readonly Dictionary<object, State> _states = new();
    private readonly List<TypeDefinition> _definitions = [];
    private readonly List<(FunctionModel Function, WitSource File, NameSyntax Name)> _functions = [];

    public static WitResolution Resolve(IEnumerable<WitSource> sources)
    {
        var resolver = new WitResolver();
        var files = new List<FileSyntax>();
        foreach (var source in sources.OrderBy(s => s.Path, System.StringComparer.Ordinal))
        {
            try
            {
                files.Add(WitParser.Parse(source));
            }
            catch (WitSyntaxException e)
            {
                resolver._diagnostics.Add(WitDiagnostic.At(e.Descriptor, source, e.Start, e.End, e.Message));
            }
        }
        resolver.Run(files);
        return new WitResolution(resolver._packages.Values.ToList(), resolver._diagnostics);
    }

    private void Run(List<FileSyntax> files)
    {
        var units = new List<(Unit Unit, List<InterfaceSyntax> Interfaces, List<WorldSyntax> Worlds, List<TopLevelUseSyntax> Uses)>();
        foreach (var folder in files.GroupBy(f => FolderOf(f.Source.Path)))
        {
            var declared = folder.Where(f => f.Package is not null).ToList();
            var name = declared.FirstOrDefault()?.Package;
            foreach (var other in declared.Skip(1).Where(f => f.Package!.Key != name!.Key))
                Report(Diagnostics.Package, other.Source, other.Package!.Start, other.Package.End,
                    $"the files of one folder form one package, but this file declares '{other.Package.Key}' and '{declared[0].Source.Path}' declares '{name!.Key}'");
            foreach (var file in folder)
            {
                var hasItems = file.Interfaces.Count + file.Worlds.Count + file.Uses.Count > 0;
                if (name is null && hasItems)
                {
                    Report(Diagnostics.Package, file.Source, 0, 0,
                        "the file has no 'package' declaration and no other .wit file of its folder has one; start it with 'package namespace:name;'");
                }
                else if (name is not null)
                {
                    units.Add((new Unit(file.Source, PackageFor(file.Package ?? name)), file.Interfaces, file.Worlds, file.Uses));
                }
                foreach (var nested in file.NestedPackages)
                    units.Add((new Unit(file.Source, PackageFor(nested.Package)), nested.Interfaces, nested.Worlds, nested.Uses));
            }
        }

        foreach (var (unit, interfaces, worlds, uses) in units)
        {
            foreach (var use in uses)
            {
                if (unit.Uses.ContainsKey(use.LocalName.Name))
                    Report(Diagnostics.Duplicate, unit.File, use.LocalName, $"the name '{use.LocalName.Name}' is already used at the top level of this file");
                else
                    unit.Uses[use.LocalName.Name] = use;
            }
            foreach (var syntax in interfaces)
            {
                if (IsTaken(unit.Package, syntax.Name, unit)) continue;
                var model = new InterfaceModel(syntax.Name.Name, unit.Package, syntax.Doc);
                unit.Package.Interfaces[model.Name] = model;
                _interfaceSyntax[model] = (syntax, unit);
            }
            foreach (var syntax in worlds)
            {
                if (IsTaken(unit.Package, syntax.Name, unit)) continue;
                var model = new WorldModel(syntax.Name.Name, unit.Package, syntax.Doc);
                unit.Package.Worlds[model.Name] = model;
                _worldSyntax[model] = (syntax, unit);
            }
        }

        foreach (var model in _interfaceSyntax.Keys.ToList()) ResolveInterface(model, null, null);
        foreach (var model in _worldSyntax.Keys.ToList()) ResolveWorld(model, null, null);
        Validate();
    }

    private bool IsTaken(PackageModel package, NameSyntax name, Unit unit)
    {
        if (!package.Interfaces.ContainsKey(name.Name) && !package.Worlds.ContainsKey(name.Name)) return false;
        Report(Diagnostics.Duplicate, unit.File, name, $"package '{package.Key}' already has an interface or world named '{name.Name}'");
        return true;
    }

    private PackageModel PackageFor(PackageNameSyntax name)
    {
        if (!_packages.TryGetValue(name.Key, out var package))
            _packages[name.Key] = package = new PackageModel(name.Namespace, name.Name, name.Version);
        return package;
    }

    private static string FolderOf(string path)
    {
        var cut = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return cut < 0 ? "" : path.Substring(0, cut);
    }

    /// <summary>The interface a path names from a unit: a top-level use, an interface of the package, or one of another package.</summary>
    private InterfaceModel? FindInterface(Unit unit, UsePathSyntax path)
    {
        if (path.Package is null)
        {
            if (unit.Uses.TryGetValue(path.Interface.Name, out var use) && !ReferenceEquals(use.Path, path)) return FindInterface(unit, use.Path);
            if (unit.Package.Interfaces.TryGetValue(path.Interface.Name, out var local)) return local;
            Report(Diagnostics.Undefined, unit.File, path.Interface,
                unit.Package.Worlds.ContainsKey(path.Interface.Name)
                    ? $"'{path.Interface.Name}' is a world, not an interface"
                    : $"interface '{path.Interface.Name}' is not defined in package '{unit.Package.Key}'");
            return null;
        }
        var package = FindPackage(unit, path.Package, path);
        if (package is null) return null;
        if (package.Interfaces.TryGetValue(path.Interface.Name, out var found)) return found;
        Report(Diagnostics.Undefined, unit.File, path.Interface, $"package '{package.Key}' has no interface '{path.Interface.Name}'");
        return null;
    }

    private WorldModel? FindWorld(Unit unit, UsePathSyntax path)
    {
        PackageModel? package = unit.Package;
        if (path.Package is not null) package = FindPackage(unit, path.Package, path);
        if (package is null) return null;
        if (package.Worlds.TryGetValue(path.Interface.Name, out var world)) return world;
        Report(Diagnostics.Undefined, unit.File, path.Interface, $"package '{package.Key}' has no world '{path.Interface.Name}'");
        return null;
    }

    /// <summary>A package by name: exactly by version when one is given, else the only package of that name.</summary>
    private PackageModel? FindPackage(Unit unit, PackageNameSyntax name, UsePathSyntax path)
    {
        if (_packages.TryGetValue(name.Key, out var exact)) return exact;
        if (name.Version is null)
        {
            var candidates = _packages.Values.Where(p => p.Namespace == name.Namespace && p.Name == name.Name).ToList();
            if (candidates.Count == 1) return candidates[0];
            if (candidates.Count > 1)
            {
                Report(Diagnostics.Undefined, unit.File, path.Start, path.End,
                    $"package '{name.Key}' is defined at several versions ({string.Join(", ", candidates.Select(c => c.Key))}); add '@version'");
                return null;
            }
        }
        Report(Diagnostics.Undefined, unit.File, path.Start, path.End,
            $"package '{name.Key}' is not defined: add its .wit files (for example under wit/deps/) as AdditionalFiles");
        return null;
    }

    /// <summary>Marks an interface or world as being resolved; false (after reporting the cycle) when it already is.</summary>
    private bool Enter(object item, WitSource? file, NameSyntax? where, string what)
    {
        if (_states.TryGetValue(item, out var state))
        {
            if (state == State.InProgress && file is not null && where is not null)
                Report(Diagnostics.Cycle, file, where, $"{what} '{item}' depends on itself (a cycle of 'use' or 'include')");
            return false;
        }
        _states[item] = State.InProgress;
        return true;
    }

    private bool IsResolving(object item) => _states.TryGetValue(item, out var state) && state == State.InProgress;

    private void Report(DiagnosticDescriptor descriptor, WitSource file, NameSyntax name, string message) =>
        Report(descriptor, file, name.Start, name.End, message);

    private void Report(DiagnosticDescriptor descriptor, WitSource file, int start, int end, string message) =>
        _diagnostics.Add(WitDiagnostic.At(descriptor, file, start, end, message));

    private void Report(DiagnosticDescriptor descriptor, WitLocation location, string message)
    {
        if (location.File is { } file) Report(descriptor, file, location.Start, location.End, message);
        else _diagnostics.Add(WitDiagnostic.Nowhere(descriptor, message));
    }
}
