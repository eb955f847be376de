namespace Heron.Components;

/// <summary>The type of a component instance: its exports, in order.</summary>
public sealed class ComponentInstanceType(IReadOnlyList<ComponentExternItem> exports) : ComponentDefinedType
{
    public IReadOnlyList<ComponentExternItem> Exports { get; } = exports;

    /// <summary>The export named <paramref name="name"/>, or null.</summary>
    public ComponentExternItem? Find(string name)
    {
        foreach (var e in Exports) if (e.Name == name) return e;
        return null;
    }

    public override string ToString() => "instance { " + string.Join("; ", Exports.Select(e => $"{e.Name}: {e.Type}")) + " }";
}

/// <summary>The type of a component: what it imports and what it exports, in order.</summary>
public sealed class ComponentType(IReadOnlyList<ComponentExternItem> imports, IReadOnlyList<ComponentExternItem> exports) : ComponentDefinedType
{
    public IReadOnlyList<ComponentExternItem> Imports { get; } = imports;
    public IReadOnlyList<ComponentExternItem> Exports { get; } = exports;

    public override string ToString() =>
        "component { " + string.Join("; ", Imports.Select(e => $"import {e.Name}: {e.Type}").Concat(Exports.Select(e => $"export {e.Name}: {e.Type}"))) + " }";
}

/// <summary>The type of a core module inside a component: its imports and exports (core types).</summary>
public sealed class CoreModuleType(IReadOnlyList<ImportType> imports, IReadOnlyList<ExportType> exports) : ComponentDefinedType
{
    public IReadOnlyList<ImportType> Imports { get; } = imports;
    public IReadOnlyList<ExportType> Exports { get; } = exports;

    public override string ToString() => $"module ({Imports.Count} imports, {Exports.Count} exports)";
}
