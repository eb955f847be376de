namespace Heron.Components.Text;

/// <summary>
/// The index spaces of a component (and of component, instance and module types): each definition adds an
/// entry to exactly one of them, and a reference names an entry of one of them.
/// </summary>
internal enum Space
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

/// <summary>The spellings and binary codes of the index spaces as sorts.</summary>
internal static class Spaces
{
    public const int Count = (int)Space.Instance + 1;

    public static bool IsCore(this Space space) => space <= Space.CoreInstance;

    /// <summary>The <c>core:sort</c> byte of a core space.</summary>
    public static byte CoreSortByte(this Space space) => space switch
    {
        Space.CoreFunc => 0x00,
        Space.CoreTable => 0x01,
        Space.CoreMemory => 0x02,
        Space.CoreGlobal => 0x03,
        Space.CoreTag => 0x04,
        Space.CoreType => 0x10,
        Space.CoreModule => 0x11,
        Space.CoreInstance => 0x12,
        _ => throw new ArgumentOutOfRangeException(nameof(space)),
    };

    /// <summary>Writes the <c>sort</c> of a space: a core sort is prefixed by 0x00.</summary>
    public static void WriteSort(this Space space, Heron.Text.ByteWriter w)
    {
        if (space.IsCore())
        {
            w.Byte(0x00);
            w.Byte(space.CoreSortByte());
            return;
        }
        w.Byte(space switch
        {
            Space.Func => 0x01,
            Space.Value => 0x02,
            Space.Type => 0x03,
            Space.Component => 0x04,
            _ => 0x05,
        });
    }

    /// <summary>The core space a sort keyword names after <c>core</c> (or inside a core context).</summary>
    public static Space? CoreFromKeyword(string keyword) => keyword switch
    {
        "func" => Space.CoreFunc,
        "table" => Space.CoreTable,
        "memory" => Space.CoreMemory,
        "global" => Space.CoreGlobal,
        "tag" => Space.CoreTag,
        "type" => Space.CoreType,
        "module" => Space.CoreModule,
        "instance" => Space.CoreInstance,
        _ => null,
    };

    /// <summary>The component space a sort keyword names.</summary>
    public static Space? FromKeyword(string keyword) => keyword switch
    {
        "func" => Space.Func,
        "value" => Space.Value,
        "type" => Space.Type,
        "component" => Space.Component,
        "instance" => Space.Instance,
        _ => null,
    };

    /// <summary>The words used in errors ("core func", "type", ...).</summary>
    public static string Describe(this Space space) => space switch
    {
        Space.CoreFunc => "core func",
        Space.CoreTable => "core table",
        Space.CoreMemory => "core memory",
        Space.CoreGlobal => "core global",
        Space.CoreTag => "core tag",
        Space.CoreType => "core type",
        Space.CoreModule => "core module",
        Space.CoreInstance => "core instance",
        Space.Func => "func",
        Space.Value => "value",
        Space.Type => "type",
        Space.Component => "component",
        _ => "instance",
    };
}
