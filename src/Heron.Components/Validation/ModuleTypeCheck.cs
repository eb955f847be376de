using System.Runtime.CompilerServices;
using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>
/// Checks, when a component is instantiated, that a core module supplied for a module import has the type the
/// import declares: the module imports nothing the declaration does not offer (with types the offered ones
/// satisfy), and exports everything the declaration names (with matching types). The validator records each
/// module type it resolves, so the check uses the same resolved types it validated.
/// </summary>
internal static class ModuleTypeCheck
{
    private static readonly ConditionalWeakTable<CoreModuleTypeDef, CoreModuleType> Resolved = new();

    public static void Record(CoreModuleTypeDef definition, CoreModuleType type) => Resolved.AddOrUpdate(definition, type);

    /// <summary>Why <paramref name="module"/> cannot be the module <paramref name="declared"/> describes, or null.</summary>
    public static string? Mismatch(Module module, CoreModuleTypeDef declared)
    {
        if (!Resolved.TryGetValue(declared, out var type)) return null;
        foreach (var import in module.Imports)
        {
            var offered = type.Imports.FirstOrDefault(i => i.Module == import.Module && i.Name == import.Name);
            if (offered == null) return $"module import `{import.Module}::{import.Name}` not defined";
            if (CoreTypes.ImportSubtype(offered, import) is { } why) return $"module import `{import.Module}::{import.Name}` has the wrong type: {why}";
        }
        foreach (var required in type.Exports)
        {
            var actual = module.Exports.FirstOrDefault(e => e.Name == required.Name);
            if (actual == null) return $"module export `{required.Name}` not defined";
            if (CoreTypes.ExportSubtype(actual, required) is { } why) return $"export `{required.Name}` has the wrong type: {why}";
        }
        return null;
    }
}
