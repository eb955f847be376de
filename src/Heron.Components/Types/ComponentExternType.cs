namespace Heron.Components;

/// <summary>What an import or export of a component or instance is.</summary>
public enum ComponentExternKind : byte
{
    CoreModule, Func, Value, Type, Component, Instance,
}

/// <summary>The resolved type of an import or export: its kind and the type of that kind.</summary>
/// <param name="Kind">What is imported or exported.</param>
/// <param name="Type">
/// <see cref="CoreModuleType"/> for a core module, <see cref="ComponentFunctionType"/> for a function,
/// <see cref="ComponentValueType"/> for a value, the exported type itself (a value type or a
/// <see cref="ResourceType"/>) for a type, <see cref="ComponentType"/> or <see cref="ComponentInstanceType"/>.
/// </param>
public sealed record ComponentExternType(ComponentExternKind Kind, object Type)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Type}";
}

/// <summary>A named import or export with its resolved type.</summary>
public sealed record ComponentExternItem(string Name, ComponentExternType Type);
