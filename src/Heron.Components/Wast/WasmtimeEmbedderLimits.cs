using Heron.Components.Model;

namespace Heron.Components.Wast;

/// <summary>
/// What Wasmtime refuses of a root component (one its embedder instantiates, not one nested in another),
/// which its scripts assert as invalid: importing a component, exporting a component, and exporting a
/// function that is one of the root's own imports. These are limits of Wasmtime's embedding, not rules of
/// the component model (Heron runs such components), so only Wasmtime's scripts apply them.
/// </summary>
internal static class WasmtimeEmbedderLimits
{
    /// <summary>Why Wasmtime would refuse <paramref name="root"/>, or null.</summary>
    public static string? Check(ComponentAst root)
    {
        // For each function and instance index: whether it comes from one of the root's imports.
        var importedFuncs = new List<bool>();
        var importedInstances = new List<bool>();
        foreach (var definition in root.Definitions)
        {
            switch (definition)
            {
                case ImportDefinition { Desc.Kind: ExternDescKind.Component }:
                    return "root-level component imports are not supported";
                case ImportDefinition { Desc.Kind: ExternDescKind.Func }:
                    importedFuncs.Add(true);
                    break;
                case ImportDefinition { Desc.Kind: ExternDescKind.Instance }:
                    importedInstances.Add(true);
                    break;
                case AliasDefinition { Sort: Sort.Func, Target: ExportAlias alias }:
                    importedFuncs.Add(At(importedInstances, alias.InstanceIndex));
                    break;
                case AliasDefinition { Sort: Sort.Instance, Target: ExportAlias alias }:
                    importedInstances.Add(At(importedInstances, alias.InstanceIndex));
                    break;
                case AliasDefinition { Sort: Sort.Func }:
                    importedFuncs.Add(false);
                    break;
                case AliasDefinition { Sort: Sort.Instance }:
                case InstanceDefinition:
                    importedInstances.Add(false);
                    break;
                case CanonLift:
                    importedFuncs.Add(false);
                    break;
                case ExportDefinition { Item.Sort: Sort.Component }:
                    return "exporting a component from the root component is not supported";
                case ExportDefinition { Item.Sort: Sort.Func } export:
                    if (At(importedFuncs, export.Item.Index))
                        return $"component export `{export.Name.Name}` is a reexport of an imported function which is not implemented";
                    importedFuncs.Add(false);
                    break;
                case ExportDefinition { Item.Sort: Sort.Instance } export:
                    importedInstances.Add(At(importedInstances, export.Item.Index));
                    break;
            }
        }
        return null;
    }

    private static bool At(List<bool> list, int index) => (uint)index < (uint)list.Count && list[index];
}
