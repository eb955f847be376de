using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

/// <summary>
/// The canonical ABI written out in C# for the types of one world: moving each C# value to and from flat core
/// values and linear memory directly, with no <c>ComponentValue</c> in between. Primitives convert inline; every
/// other type gets four static methods in the generated <c>Canon</c> class (lower to flat values, lift from them,
/// store to memory, load from it), registered on first use and written at the end, since writing one may
/// register those of the types it contains.
/// </summary>
internal sealed class CanonCode(WorldPlan plan, TypeMapper types, System.Func<TypeDefinition, List<string>> memberNames)
{
    private const string Memory = "cx.Abi.Memory";
    private const string Abi = "global::Heron.Components.CanonicalAbi";

    private readonly Dictionary<string, int> _ids = new(System.StringComparer.Ordinal);
    private readonly Dictionary<TypeDefinition, int> _definitionIds = new();
    private readonly List<WitType> _registered = [];
    private int _temporaries;

    /// <summary>What calls to the generated methods are prefixed with: "" inside the Canon class, "Canon." outside.</summary>
    public string Via { get; set; } = "";

    /// <summary>A fresh local name.</summary>
    public string Temporary(string prefix = "t") => prefix + _temporaries++;

    /// <summary>Declarations of locals for a type's flat values (<c>int t0; long t1;</c>), and their names.</summary>
    public List<string> DeclareFlat(CodeWriter w, IReadOnlyList<Flat> flat)
    {
        var names = new List<string>();
        foreach (var kind in flat)
        {
            var name = Temporary();
            w.Line($"{AbiLayout.CsType(kind)} {name};");
            names.Add(name);
        }
        return names;
    }

    /// <summary>Statements giving <paramref name="targets"/> (declared locals or out parameters) the flat values of <paramref name="value"/>.</summary>
    public void LowerFlat(CodeWriter w, WitType type, string value, IReadOnlyList<string> targets)
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            if (primitive.Kind == PrimitiveKind.String)
            {
                w.Line($"{Via}LowerString(cx, {value}, out {targets[0]}, out {targets[1]});");
                return;
            }
            w.Line($"{targets[0]} = {LowerPrimitive(primitive.Kind, value)};");
            return;
        }
        w.Line($"{Via}LowerFlat{Register(type)}(cx, {value}{string.Concat(targets.Select(t => ", out " + t))});");
    }

    /// <summary>An expression lifting a value from flat values (expressions of the flat types).</summary>
    public string LiftFlat(WitType type, IReadOnlyList<string> sources)
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            var s = sources[0];
            return primitive.Kind switch
            {
                PrimitiveKind.Bool => $"({s}) != 0",
                PrimitiveKind.S8 => $"(sbyte)({s})",
                PrimitiveKind.U8 => $"(byte)({s})",
                PrimitiveKind.S16 => $"(short)({s})",
                PrimitiveKind.U16 => $"(ushort)({s})",
                PrimitiveKind.S32 => s,
                PrimitiveKind.U32 => $"(uint)({s})",
                PrimitiveKind.S64 => s,
                PrimitiveKind.U64 => $"(ulong)({s})",
                PrimitiveKind.F32 or PrimitiveKind.F64 => $"{Abi}.CanonicalNaN({s})",
                PrimitiveKind.Char => $"{Abi}.ToChar((uint)({s}))",
                _ => $"cx.Abi.LoadString((uint)({s}), (uint)({sources[1]}))",
            };
        }
        return $"{Via}LiftFlat{Register(type)}(cx{string.Concat(sources.Select(s => ", " + s))})";
    }

    /// <summary>A statement storing <paramref name="value"/> at <paramref name="pointer"/> (a uint expression).</summary>
    public void Store(CodeWriter w, WitType type, string value, string pointer)
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            w.Line(primitive.Kind switch
            {
                PrimitiveKind.Bool => $"{Memory}.WriteByte({pointer}, (byte)(({value}) ? 1 : 0));",
                PrimitiveKind.S8 => $"{Memory}.WriteByte({pointer}, (byte)({value}));",
                PrimitiveKind.U8 => $"{Memory}.WriteByte({pointer}, {value});",
                PrimitiveKind.S16 => $"{Memory}.WriteInt16({pointer}, {value});",
                PrimitiveKind.U16 => $"{Memory}.WriteInt16({pointer}, (short)({value}));",
                PrimitiveKind.S32 => $"{Memory}.WriteInt32({pointer}, {value});",
                PrimitiveKind.U32 => $"{Memory}.WriteInt32({pointer}, (int)({value}));",
                PrimitiveKind.S64 => $"{Memory}.WriteInt64({pointer}, {value});",
                PrimitiveKind.U64 => $"{Memory}.WriteInt64({pointer}, (long)({value}));",
                PrimitiveKind.F32 => $"{Memory}.WriteSingle({pointer}, {value});",
                PrimitiveKind.F64 => $"{Memory}.WriteDouble({pointer}, {value});",
                PrimitiveKind.Char => $"{Memory}.WriteInt32({pointer}, ({value}).Value);",
                _ => $"{Via}StoreString(cx, {value}, {pointer});",
            });
            return;
        }
        w.Line($"{Via}Store{Register(type)}(cx, {value}, {pointer});");
    }

    /// <summary>An expression loading a value from <paramref name="pointer"/> (already checked to be in bounds and aligned).</summary>
    public string Load(WitType type, string pointer)
    {
        type = TypeOps.Normalize(type);
        if (type is PrimitiveType primitive)
        {
            return primitive.Kind switch
            {
                PrimitiveKind.Bool => $"{Memory}.ReadByte({pointer}) != 0",
                PrimitiveKind.S8 => $"(sbyte){Memory}.ReadByte({pointer})",
                PrimitiveKind.U8 => $"{Memory}.ReadByte({pointer})",
                PrimitiveKind.S16 => $"{Memory}.ReadInt16({pointer})",
                PrimitiveKind.U16 => $"(ushort){Memory}.ReadInt16({pointer})",
                PrimitiveKind.S32 => $"{Memory}.ReadInt32({pointer})",
                PrimitiveKind.U32 => $"(uint){Memory}.ReadInt32({pointer})",
                PrimitiveKind.S64 => $"{Memory}.ReadInt64({pointer})",
                PrimitiveKind.U64 => $"(ulong){Memory}.ReadInt64({pointer})",
                PrimitiveKind.F32 => $"{Abi}.CanonicalNaN({Memory}.ReadSingle({pointer}))",
                PrimitiveKind.F64 => $"{Abi}.CanonicalNaN({Memory}.ReadDouble({pointer}))",
                PrimitiveKind.Char => $"{Abi}.ToChar((uint){Memory}.ReadInt32({pointer}))",
                _ => $"{Via}LoadString(cx, {pointer})",
            };
        }
        return $"{Via}Load{Register(type)}(cx, {pointer})";
    }

    private static string LowerPrimitive(PrimitiveKind kind, string value) => kind switch
    {
        PrimitiveKind.Bool => $"({value}) ? 1 : 0",
        PrimitiveKind.S8 or PrimitiveKind.U8 or PrimitiveKind.S16 or PrimitiveKind.U16 or PrimitiveKind.U32 => $"(int)({value})",
        PrimitiveKind.U64 => $"(long)({value})",
        PrimitiveKind.Char => $"({value}).Value",
        _ => value,
    };

    private int Register(WitType type)
    {
        var key = Key(type);
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _registered.Count;
            _ids[key] = id;
            _registered.Add(type);
        }
        return id;
    }

    private string Key(WitType type)
    {
        type = TypeOps.Normalize(type);
        return type switch
        {
            PrimitiveType primitive => primitive.Kind.ToString(),
            ListType list => $"list<{Key(list.Element)}>",
            OptionType option => $"option<{Key(option.Inner)}>",
            ResultType result => $"result<{(result.Ok is null ? "_" : Key(result.Ok))},{(result.Error is null ? "_" : Key(result.Error))}>",
            TupleType tuple => "tuple<" + string.Join(",", tuple.Elements.Select(Key)) + ">",
            HandleType handle => $"{(handle.IsBorrow ? "borrow" : "own")}#{IdOf(handle.Resource)}",
            NamedType named => "#" + IdOf(named.Definition),
            _ => "?",
        };
    }

    private int IdOf(TypeDefinition definition)
    {
        if (!_definitionIds.TryGetValue(definition, out var id)) _definitionIds[definition] = id = _definitionIds.Count;
        return id;
    }

    /// <summary>Writes the methods of every registered type, including those registered while writing.</summary>
    public void WriteMethods(CodeWriter w)
    {
        Via = "";
        WriteStringHelpers(w);
        for (var id = 0; id < _registered.Count; id++) new CanonTypeMethods(this, types, plan, memberNames, w, _registered[id], id).Write();
    }

    private static void WriteStringHelpers(CodeWriter w)
    {
        using (w.Block("internal static void LowerString(in Cx cx, string value, out int pointer, out int length)"))
        {
            w.Line("var (p, n) = cx.Abi.StoreString(value ?? throw new global::System.ArgumentNullException(nameof(value), \"a WIT string cannot be null\"));");
            w.Line("pointer = (int)p;");
            w.Line("length = (int)n;");
        }
        w.Line();
        using (w.Block("internal static void StoreString(in Cx cx, string value, uint pointer)"))
        {
            w.Line("LowerString(cx, value, out var p, out var n);");
            w.Line($"{Memory}.WriteInt32(pointer, p);");
            w.Line($"{Memory}.WriteInt32(pointer + 4u, n);");
        }
        w.Line();
        using (w.Block("internal static string LoadString(in Cx cx, uint pointer)"))
        {
            w.Line($"return cx.Abi.LoadString((uint){Memory}.ReadInt32(pointer), (uint){Memory}.ReadInt32(pointer + 4u));");
        }
    }

    /// <summary>Coerces a case's flat value into the variant's joined slot (the specification's lower_flat_variant).</summary>
    public static string Widen(string value, Flat have, Flat want) => (have, want) switch
    {
        _ when have == want => value,
        (Flat.F32, Flat.I32) => $"global::System.BitConverter.SingleToInt32Bits({value})",
        (Flat.I32, Flat.I64) => $"(long)(uint)({value})",
        (Flat.F32, Flat.I64) => $"(long)(uint)global::System.BitConverter.SingleToInt32Bits({value})",
        (Flat.F64, Flat.I64) => $"global::System.BitConverter.DoubleToInt64Bits({value})",
        _ => throw new System.InvalidOperationException($"cannot widen {have} to {want}"),
    };

    /// <summary>Reads a case's flat value back out of the joined slot (lift_flat_variant).</summary>
    public static string Narrow(string value, Flat have, Flat want) => (have, want) switch
    {
        _ when have == want => value,
        (Flat.I32, Flat.F32) => $"global::System.BitConverter.Int32BitsToSingle({value})",
        (Flat.I64, Flat.I32) => $"(int)({value})",
        (Flat.I64, Flat.F32) => $"global::System.BitConverter.Int32BitsToSingle((int)({value}))",
        (Flat.I64, Flat.F64) => $"global::System.BitConverter.Int64BitsToDouble({value})",
        _ => throw new System.InvalidOperationException($"cannot narrow {have} to {want}"),
    };
}
