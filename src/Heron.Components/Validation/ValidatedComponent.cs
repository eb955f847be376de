using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>
/// A component that passed validation: its definitions, and every index space with the resolved type of each
/// entry, in definition order. The runtime walks <see cref="Ast"/>'s definitions in order and finds the type
/// of whatever a definition refers to by index here. Nested components are validated components of their own
/// (<see cref="NestedComponents"/>, in the order of their definitions).
/// </summary>
internal sealed class ValidatedComponent
{
    public required ComponentAst Ast { get; init; }

    /// <summary>The component's type: its imports and exports with resolved types.</summary>
    public required ComponentType Type { get; init; }

    public IReadOnlyList<ComponentExternItem> Imports => Type.Imports;

    public IReadOnlyList<ComponentExternItem> Exports => Type.Exports;

    /// <summary>The type index space: value types, function, component and instance types, resource types.</summary>
    public required IReadOnlyList<ComponentDefinedType> Types { get; init; }

    public required IReadOnlyList<ComponentFunctionType> Funcs { get; init; }

    public required IReadOnlyList<ComponentType> Components { get; init; }

    public required IReadOnlyList<ComponentInstanceType> Instances { get; init; }

    public required IReadOnlyList<CoreModuleType> CoreModules { get; init; }

    public required IReadOnlyList<CoreInstanceType> CoreInstances { get; init; }

    public required IReadOnlyList<FunctionType> CoreFuncs { get; init; }

    public required IReadOnlyList<TableType> CoreTables { get; init; }

    public required IReadOnlyList<MemoryType> CoreMemories { get; init; }

    public required IReadOnlyList<GlobalType> CoreGlobals { get; init; }

    /// <summary>The core type index space: <see cref="FunctionType"/>s (other core types as null) and <see cref="CoreModuleType"/>s.</summary>
    public required IReadOnlyList<object?> CoreTypes { get; init; }

    /// <summary>The nested components, validated, in the order of their definitions.</summary>
    public required IReadOnlyList<ValidatedComponent> NestedComponents { get; init; }

    /// <summary>The resource types this component defines (<c>(type (resource ...))</c>), with their definitions.</summary>
    public required IReadOnlyDictionary<ResourceType, ResourceDef> DefinedResources { get; init; }
}

/// <summary>The type of a core instance: its exports by name, each with its core type.</summary>
internal sealed class CoreInstanceType(IReadOnlyList<ExportType> exports)
{
    public IReadOnlyList<ExportType> Exports { get; } = exports;

    public ExportType? Find(string name)
    {
        foreach (var export in Exports) if (export.Name == name) return export;
        return null;
    }
}
