using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Resolution;

internal sealed partial class WitResolver
{
    /// <summary>
    /// Resolves a world (once): its types and uses, its imports and exports, the worlds it includes, and then
    /// the interfaces its imports and exports use, which become imports as the component model elaborates a world.
    /// </summary>
    private void ResolveWorld(WorldModel world, WitSource? fromFile, NameSyntax? from)
    {
        if (!_worldSyntax.TryGetValue(world, out var entry)) return;
        if (!Enter(world, fromFile, from, "world")) return;
        var (syntax, unit) = entry;
        ResolveItems(world, syntax.Items, unit, functionsOwner: null);

        foreach (var item in syntax.Items)
        {
            switch (item)
            {
                case ExternSyntax external:
                    ResolveExtern(world, external, unit);
                    break;
                case IncludeSyntax include:
                    ResolveInclude(world, include, unit);
                    break;
            }
        }
        Elaborate(world);
        _states[world] = State.Done;
    }

    private void ResolveExtern(WorldModel world, ExternSyntax external, Unit unit)
    {
        WorldItem? item = null;
        NameSyntax where;
        if (external.Path is { } path)
        {
            where = path.Interface;
            var target = FindInterface(unit, path);
            if (target is null) return;
            ResolveInterface(target, unit.File, path.Interface);
            item = new WorldItem(target.QualifiedName!, target, null);
        }
        else if (external.Inline is { } inline)
        {
            where = external.Label!;
            var model = new InterfaceModel(inline.Name.Name, null, external.Doc);
            ResolveItems(model, inline.Items, unit, model);
            item = new WorldItem(model.Name, model, null);
        }
        else
        {
            where = external.Label!;
            var function = new FunctionModel(external.Label!.Name, FunctionKind.Freestanding, null, external.Doc);
            ResolveSignature(function, external.Function!, world, unit, external.Label);
            item = new WorldItem(function.Name, null, function);
        }
        var list = external.IsExport ? world.Exports : world.Imports;
        if (list.Exists(i => string.Equals(i.Key, item.Key, System.StringComparison.OrdinalIgnoreCase)))
        {
            Report(Diagnostics.Duplicate, unit.File, where, $"world '{world.Name}' already {(external.IsExport ? "exports" : "imports")} '{item.Key}'");
            return;
        }
        list.Add(item);
    }

    /// <summary>
    /// <c>include w with { a as b }</c>: w's imports and exports join this world's. An interface imported by both
    /// is one import; plain names that clash must be renamed with <c>with</c>.
    /// </summary>
    private void ResolveInclude(WorldModel world, IncludeSyntax include, Unit unit)
    {
        var target = FindWorld(unit, include.Path);
        if (target is null) return;
        if (ReferenceEquals(target, world) || IsResolving(target))
        {
            Report(Diagnostics.Cycle, unit.File, include.Path.Interface, $"world '{world.Name}' includes itself (a cycle of 'include')");
            return;
        }
        ResolveWorld(target, unit.File, include.Path.Interface);
        var renames = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var (fromName, to) in include.Renames)
        {
            var plain = target.Imports.Concat(target.Exports).Any(i => i.IsPlain && string.Equals(i.Key, fromName.Name, System.StringComparison.OrdinalIgnoreCase));
            if (!plain)
            {
                Report(Diagnostics.Undefined, unit.File, fromName, $"world '{target.Name}' has no plain-named import or export '{fromName.Name}' to rename");
                continue;
            }
            renames[fromName.Name] = to.Name;
        }
        Merge(world.Imports, target.Imports, renames, unit, include, "imports");
        Merge(world.Exports, target.Exports, renames, unit, include, "exports");
    }

    private void Merge(List<WorldItem> into, List<WorldItem> items, Dictionary<string, string> renames, Unit unit, IncludeSyntax include, string what)
    {
        foreach (var item in items)
        {
            var key = item.IsPlain && renames.TryGetValue(item.Key, out var renamed) ? renamed : item.Key;
            var existing = into.Find(i => string.Equals(i.Key, key, System.StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                if (!item.IsPlain && ReferenceEquals(existing.Interface, item.Interface)) continue;
                Report(Diagnostics.Duplicate, unit.File, include.Path.Interface,
                    $"the included world also {what} '{key}'; rename it with `include {include.Path} with {{ {key} as other-name }}`");
                continue;
            }
            into.Add(item.Function is not null && key != item.Key ? item with { Key = key, Function = item.Function.Renamed(key) } : item with { Key = key });
        }
    }

    /// <summary>
    /// Adds, as imports, the interfaces that imported or exported interfaces use (and those a world's own
    /// <c>use</c> names), unless the world exports them itself: the component imports them.
    /// </summary>
    private void Elaborate(WorldModel world)
    {
        var imported = new HashSet<InterfaceModel>(world.Imports.Where(i => i.Interface is not null).Select(i => i.Interface!));
        var exported = new HashSet<InterfaceModel>(world.Exports.Where(i => i.Interface is not null).Select(i => i.Interface!));
        var added = new List<WorldItem>();
        void Need(InterfaceModel used)
        {
            if (imported.Contains(used) || exported.Contains(used)) return;
            foreach (var dependency in used.Uses) Need(dependency);
            imported.Add(used);
            added.Add(new WorldItem(used.QualifiedName ?? used.Name, used, null));
        }
        foreach (var (owner, used) in _worldUses.Where(u => ReferenceEquals(u.World, world))) Need(used);
        foreach (var item in world.Imports.Concat(world.Exports).ToList())
            if (item.Interface is { } model)
                foreach (var used in model.Uses) Need(used);
        world.Imports.InsertRange(0, added);
    }
}
