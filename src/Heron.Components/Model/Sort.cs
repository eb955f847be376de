namespace Heron.Components.Model;

/// <summary>
/// The kinds of definition a component can index: the core sorts (inside a core instance) and the component
/// sorts. Each has its own index space, built in definition order.
/// </summary>
internal enum Sort
{
    CoreFunc,
    CoreTable,
    CoreMemory,
    CoreGlobal,
    CoreTag,
    CoreType,
    CoreModule,
    CoreInstance,
    Func,
    Value,
    Type,
    Component,
    Instance,
}

/// <summary>A reference to one entry of one index space: <c>(sort idx)</c>.</summary>
internal readonly record struct SortIndex(Sort Sort, int Index);

internal static class SortNames
{
    public static bool IsCore(this Sort sort) => sort <= Sort.CoreInstance;

    /// <summary>The sort as the text format spells it, for error messages.</summary>
    public static string Describe(this Sort sort) => sort switch
    {
        Sort.CoreFunc => "core func",
        Sort.CoreTable => "core table",
        Sort.CoreMemory => "core memory",
        Sort.CoreGlobal => "core global",
        Sort.CoreTag => "core tag",
        Sort.CoreType => "core type",
        Sort.CoreModule => "core module",
        Sort.CoreInstance => "core instance",
        Sort.Func => "func",
        Sort.Value => "value",
        Sort.Type => "type",
        Sort.Component => "component",
        Sort.Instance => "instance",
        _ => sort.ToString(),
    };
}
