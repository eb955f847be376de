using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

/// <summary>
/// The four canonical ABI methods of one non-primitive type: <c>LowerFlatN</c> (to flat values, as out
/// parameters), <c>LiftFlatN</c> (from them), <c>StoreN</c> and <c>LoadN</c> (to and from linear memory).
/// </summary>
internal sealed class CanonTypeMethods(
    CanonCode canon, TypeMapper types, WorldPlan plan, System.Func<TypeDefinition, List<string>> memberNames,
    CodeWriter w, WitType type, int id)
{
    private const string Memory = "cx.Abi.Memory";
    private const string Abi = "global::Heron.Components.CanonicalAbi";
    private const string Handle = "global::Heron.Components.ResourceHandle";

    private readonly AbiLayout _layout = AbiLayout.Of(type);
    private readonly string _cs = types.CsType(type);

    /// <summary>How a variant-like type's cases are told apart and made: the C# behind each case index.</summary>
    private sealed record CaseShape(WitType? Payload, string Name);

    public void Write()
    {
        var flat = _layout.FlatTypes;
        var outs = flat.Select((f, i) => $"out {AbiLayout.CsType(f)} f{i}");
        var ins = flat.Select((f, i) => $"{AbiLayout.CsType(f)} f{i}");
        var targets = flat.Select((_, i) => $"f{i}").ToList();
        w.Line();
        using (w.Block($"internal static void LowerFlat{id}(in Cx cx, {_cs} v, {string.Join(", ", outs)})")) WriteLowerFlat(targets);
        w.Line();
        using (w.Block($"internal static {_cs} LiftFlat{id}(in Cx cx, {string.Join(", ", ins)})")) WriteLiftFlat(targets);
        w.Line();
        using (w.Block($"internal static void Store{id}(in Cx cx, {_cs} v, uint p)")) WriteStore();
        w.Line();
        using (w.Block($"internal static {_cs} Load{id}(in Cx cx, uint p)")) WriteLoad();
        if (type is ListType list) WriteListHelpers(list);
        if (type is HandleType handle) WriteHandleHelpers(handle);
    }

    private void WriteLowerFlat(List<string> targets)
    {
        switch (type)
        {
            case ListType:
                w.Line($"var (pointer, count) = StoreList{id}(cx, v);");
                w.Line($"{targets[0]} = (int)pointer;");
                w.Line($"{targets[1]} = (int)count;");
                break;
            case HandleType:
                w.Line($"{targets[0]} = (int)LowerHandle{id}(cx, v);");
                break;
            case NamedType { Definition.Kind: TypeDefinitionKind.Flags }:
                w.Line($"{targets[0]} = (int)(uint)v;");
                break;
            default:
                if (Fields() is { } fields)
                {
                    if (type is NamedType) w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
                    var at = 0;
                    foreach (var (fieldType, access) in fields)
                    {
                        var count = AbiLayout.Of(fieldType).FlatTypes.Count;
                        canon.LowerFlat(w, fieldType, access, targets.Skip(at).Take(count).ToList());
                        at += count;
                    }
                    break;
                }
                WriteCases((index, payload, payloadValue) =>
                {
                    w.Line($"{targets[0]} = {index};");
                    var joined = _layout.FlatTypes.Skip(1).ToList();
                    var filled = 0;
                    if (payload is not null)
                    {
                        var own = AbiLayout.Of(payload).FlatTypes;
                        var temporaries = canon.DeclareFlat(w, own);
                        canon.LowerFlat(w, payload, payloadValue!, temporaries);
                        for (var i = 0; i < own.Count; i++) w.Line($"{targets[1 + i]} = {CanonCode.Widen(temporaries[i], own[i], joined[i])};");
                        filled = own.Count;
                    }
                    for (var i = filled; i < joined.Count; i++) w.Line($"{targets[1 + i]} = 0;");
                });
                break;
        }
    }

    private void WriteLiftFlat(List<string> sources)
    {
        switch (type)
        {
            case ListType:
                w.Line($"return LoadList{id}(cx, (uint){sources[0]}, (uint){sources[1]});");
                return;
            case HandleType:
                w.Line($"return LiftHandle{id}(cx, (uint){sources[0]});");
                return;
            case NamedType { Definition.Kind: TypeDefinitionKind.Flags } named:
                w.Line($"return ({_cs})({sources[0]} & {FlagsMask(named.Definition)});");
                return;
        }
        if (Fields() is { } fields)
        {
            var at = 0;
            var values = new List<string>();
            foreach (var (fieldType, _) in fields)
            {
                var count = AbiLayout.Of(fieldType).FlatTypes.Count;
                values.Add(canon.LiftFlat(fieldType, sources.Skip(at).Take(count).ToList()));
                at += count;
            }
            w.Line($"return {Construct(values)};");
            return;
        }
        var cases = Cases();
        w.Line($"var d = (uint){sources[0]};");
        w.Line($"{Abi}.CheckDiscriminant(d, {cases.Count});");
        var joined = _layout.FlatTypes.Skip(1).ToList();
        using (w.Block("switch (d)"))
        {
            for (var index = 0; index < cases.Count; index++)
            {
                var payload = cases[index].Payload;
                string? value = null;
                if (payload is not null)
                {
                    var own = AbiLayout.Of(payload).FlatTypes;
                    value = canon.LiftFlat(payload, own.Select((f, i) => CanonCode.Narrow(sources[1 + i], joined[i], f)).ToList());
                }
                w.Line($"case {index}: return {MakeCase(index, cases[index], value)};");
            }
            w.Line("default: throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\");");
        }
    }

    private void WriteStore()
    {
        switch (type)
        {
            case ListType:
                w.Line($"var (pointer, count) = StoreList{id}(cx, v);");
                w.Line($"{Memory}.WriteInt32(p, (int)pointer);");
                w.Line($"{Memory}.WriteInt32(p + 4u, (int)count);");
                return;
            case HandleType:
                w.Line($"{Memory}.WriteInt32(p, (int)LowerHandle{id}(cx, v));");
                return;
            case NamedType { Definition.Kind: TypeDefinitionKind.Flags }:
                w.Line(_layout.Size switch
                {
                    1 => $"{Memory}.WriteByte(p, (byte)v);",
                    2 => $"{Memory}.WriteInt16(p, (short)v);",
                    _ => $"{Memory}.WriteInt32(p, (int)v);",
                });
                return;
        }
        if (Fields() is { } fields)
        {
            if (type is NamedType) w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
            for (var i = 0; i < fields.Count; i++) canon.Store(w, fields[i].Type, fields[i].Access, $"p + {_layout.FieldOffsets[i]}u");
            return;
        }
        WriteCases((index, payload, payloadValue) =>
        {
            w.Line(_layout.DiscriminantSize switch
            {
                1 => $"{Memory}.WriteByte(p, (byte)({index}));",
                2 => $"{Memory}.WriteInt16(p, (short)({index}));",
                _ => $"{Memory}.WriteInt32(p, {index});",
            });
            if (payload is not null) canon.Store(w, payload, payloadValue!, $"p + {_layout.PayloadOffset}u");
        });
    }

    private void WriteLoad()
    {
        switch (type)
        {
            case ListType:
                w.Line($"return LoadList{id}(cx, (uint){Memory}.ReadInt32(p), (uint){Memory}.ReadInt32(p + 4u));");
                return;
            case HandleType:
                w.Line($"return LiftHandle{id}(cx, (uint){Memory}.ReadInt32(p));");
                return;
            case NamedType { Definition.Kind: TypeDefinitionKind.Flags } named:
                var read = _layout.Size switch
                {
                    1 => $"{Memory}.ReadByte(p)",
                    2 => $"(ushort){Memory}.ReadInt16(p)",
                    _ => $"{Memory}.ReadInt32(p)",
                };
                w.Line($"return ({_cs})({read} & {FlagsMask(named.Definition)});");
                return;
        }
        if (Fields() is { } fields)
        {
            w.Line($"return {Construct(fields.Select((f, i) => canon.Load(f.Type, $"p + {_layout.FieldOffsets[i]}u")).ToList())};");
            return;
        }
        var cases = Cases();
        w.Line(_layout.DiscriminantSize switch
        {
            1 => $"var d = (uint){Memory}.ReadByte(p);",
            2 => $"var d = (uint)(ushort){Memory}.ReadInt16(p);",
            _ => $"var d = (uint){Memory}.ReadInt32(p);",
        });
        w.Line($"{Abi}.CheckDiscriminant(d, {cases.Count});");
        using (w.Block("switch (d)"))
        {
            for (var index = 0; index < cases.Count; index++)
            {
                var payload = cases[index].Payload;
                var value = payload is null ? null : canon.Load(payload, $"p + {_layout.PayloadOffset}u");
                w.Line($"case {index}: return {MakeCase(index, cases[index], value)};");
            }
            w.Line("default: throw new global::System.InvalidOperationException(\"unreachable: the discriminant was checked\");");
        }
    }

    /// <summary>A record's or tuple's fields with how to read each from <c>v</c>; null for other types.</summary>
    private List<(WitType Type, string Access)>? Fields()
    {
        switch (type)
        {
            case TupleType tuple:
                return tuple.Elements.Select((e, i) => (e, $"v.Item{i + 1}")).ToList();
            case NamedType { Definition.Kind: TypeDefinitionKind.Record } named:
            {
                var names = memberNames(named.Definition);
                return named.Definition.Fields.Select((f, i) => (f.Type, $"v.{names[i]}")).ToList();
            }
            default:
                return null;
        }
    }

    private string Construct(List<string> values) => type switch
    {
        TupleType { Elements.Count: 1 } => $"new {_cs}({values[0]})",
        TupleType => $"({string.Join(", ", values)})",
        _ => $"new {_cs}({string.Join(", ", values)})",
    };

    private List<CaseShape> Cases()
    {
        switch (type)
        {
            case OptionType option:
                return [new CaseShape(null, "none"), new CaseShape(option.Inner, "some")];
            case ResultType result:
                return [new CaseShape(result.Ok, "ok"), new CaseShape(result.Error, "error")];
            case NamedType named:
            {
                var names = memberNames(named.Definition);
                return named.Definition.Cases.Select((c, i) => new CaseShape(c.Payload, names[i])).ToList();
            }
            default:
                throw new System.InvalidOperationException($"{type} has no cases");
        }
    }

    /// <summary>The expression for case <paramref name="index"/> holding <paramref name="payload"/>.</summary>
    private string MakeCase(int index, CaseShape shape, string? payload)
    {
        switch (type)
        {
            case OptionType option when TypeOps.Normalize(option.Inner) is OptionType:
                return index == 0 ? $"{_cs}.None" : $"{_cs}.Some({payload})";
            case OptionType:
                return index == 0 ? "default" : payload!;
            case ResultType:
                return index == 0 ? $"{_cs}.Ok({payload ?? "default"})" : $"{_cs}.Err({payload ?? "default"})";
            case NamedType { Definition.Kind: TypeDefinitionKind.Enum }:
                return $"{_cs}.{shape.Name}";
            default:
                return payload is null ? $"new {_cs}.{shape.Name}()" : $"new {_cs}.{shape.Name}({payload})";
        }
    }

    /// <summary>
    /// Writes one branch per case of <c>v</c>, calling <paramref name="body"/> with the case index, its payload
    /// type and the expression reading the payload.
    /// </summary>
    private void WriteCases(System.Action<string, WitType?, string?> body)
    {
        switch (type)
        {
            case OptionType option:
            {
                var nested = TypeOps.Normalize(option.Inner) is OptionType;
                using (w.Block(nested ? "if (v.HasValue)" : "if (v is { } some)")) body("1", option.Inner, nested ? "v.Value" : "some");
                using (w.Block("else")) body("0", null, null);
                return;
            }
            case ResultType result:
                using (w.Block("if (v.IsOk)")) body("0", result.Ok, result.Ok is null ? null : "v.Value");
                using (w.Block("else")) body("1", result.Error, result.Error is null ? null : "v.Error");
                return;
            case NamedType { Definition.Kind: TypeDefinitionKind.Enum } named:
                w.Line($"if ((uint)v >= {named.Definition.Cases.Count}u) throw new global::System.ArgumentOutOfRangeException(nameof(v), v, \"not a case of the enum {named.Definition.Name}\");");
                body("(int)v", null, null);
                return;
            case NamedType named:
            {
                var cases = Cases();
                using (w.Block("switch (v)"))
                {
                    for (var i = 0; i < cases.Count; i++)
                    {
                        var shape = cases[i];
                        var variable = $"c{i}";
                        using (w.Block(shape.Payload is null ? $"case {_cs}.{shape.Name}:" : $"case {_cs}.{shape.Name} {variable}:"))
                        {
                            body(i.ToString(), shape.Payload, shape.Payload is null ? null : $"{variable}.{(shape.Name == "Value" ? "Payload" : "Value")}");
                            w.Line("break;");
                        }
                    }
                    w.Line($"default: throw new global::System.ArgumentException(\"the value is not a case of the variant {named.Definition.Name}\", nameof(v));");
                }
                return;
            }
        }
    }

    private static string FlagsMask(TypeDefinition flags) => flags.Cases.Count >= 32 ? "-1" : ((1L << flags.Cases.Count) - 1).ToString();

    /// <summary>A list is stored as a pointer and a count; integer element types copy as one block.</summary>
    private void WriteListHelpers(ListType list)
    {
        var element = TypeOps.Normalize(list.Element);
        var elementCs = types.CsType(element);
        var layout = AbiLayout.Of(element);
        var scalar = element is PrimitiveType { Kind: PrimitiveKind.U8 or PrimitiveKind.S8 or PrimitiveKind.U16 or PrimitiveKind.S16
            or PrimitiveKind.U32 or PrimitiveKind.S32 or PrimitiveKind.U64 or PrimitiveKind.S64 };
        w.Line();
        using (w.Block($"internal static (uint Pointer, uint Count) StoreList{id}(in Cx cx, {_cs} v)"))
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
            if (scalar)
            {
                w.Line($"return cx.Abi.StoreArray<{elementCs}>(v);");
            }
            else
            {
                w.Line($"var pointer = cx.Abi.Allocate({layout.Alignment}u, checked((uint)v.Length * {layout.Size}u));");
                using (w.Block("for (var i = 0; i < v.Length; i++)")) canon.Store(w, element, "v[i]", $"pointer + (uint)i * {layout.Size}u");
                w.Line("return (pointer, (uint)v.Length);");
            }
        }
        w.Line();
        using (w.Block($"internal static {_cs} LoadList{id}(in Cx cx, uint pointer, uint count)"))
        {
            if (scalar)
            {
                w.Line($"return cx.Abi.LoadArray<{elementCs}>(pointer, count);");
                return;
            }
            w.Line($"cx.Abi.CheckList(pointer, count, {layout.Size}, {layout.Alignment});");
            w.Line($"var result = {NewArray(elementCs, "count")};");
            using (w.Block("for (var i = 0u; i < count; i++)")) w.Line($"result[i] = {canon.Load(element, $"pointer + i * {layout.Size}u")};");
            w.Line("return result;");
        }
    }

    /// <summary>
    /// Handles: a host resource's object goes in (or comes out of) the linker's table and the runtime moves its
    /// handle; a guest resource's handle class wraps the handle the runtime gives.
    /// </summary>
    private void WriteHandleHelpers(HandleType handle)
    {
        var resource = handle.Resource;
        w.Line();
        if (plan.GuestResources.TryGetValue(resource, out var export))
        {
            var exports = $"cx.M.World!.{export.PropertyName}";
            var resourceType = $"{exports}.{GuestResourceField(resource)}";
            using (w.Block($"internal static uint LowerHandle{id}(in Cx cx, {_cs} v)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
                w.Line(handle.IsBorrow ? $"return cx.Call.LowerBorrow(v.Handle, {resourceType});" : $"return cx.Call.LowerOwn(v.Handle, {resourceType});");
            }
            w.Line();
            using (w.Block($"internal static {_cs} LiftHandle{id}(in Cx cx, uint index)"))
            {
                w.Line(handle.IsBorrow
                    ? $"return new {_cs}({exports}, cx.Caller.LiftBorrow(index, {resourceType}));"
                    : $"return new {_cs}({exports}, cx.Call.LiftOwn(index, {resourceType}));");
            }
            return;
        }
        var n = plan.HostResources.IndexOf(resource);
        var typeExpression = $"cx.M.Host.Type{n}";
        var table = $"cx.M.Host.Table{n}";
        using (w.Block($"internal static uint LowerHandle{id}(in Cx cx, {_cs} v)"))
        {
            if (handle.IsBorrow)
            {
                w.Line($"return cx.Call.LowerBorrow(new {Handle}({typeExpression}, {table}.Lend(v), isBorrow: true), {typeExpression});");
            }
            else
            {
                w.Line($"var handle = new {Handle}({typeExpression}, {table}.Add(v), isBorrow: false);");
                w.Line($"return cx.IsImport ? cx.Caller.LowerOwn(handle, {typeExpression}) : cx.Call.LowerOwn(handle, {typeExpression});");
            }
        }
        w.Line();
        using (w.Block($"internal static {_cs} LiftHandle{id}(in Cx cx, uint index)"))
        {
            if (handle.IsBorrow)
            {
                w.Line($"return {table}.Get(cx.Caller.LiftBorrow(index, {typeExpression}).Representation);");
            }
            else
            {
                w.Line($"var handle = cx.IsImport ? cx.Caller.LiftOwn(index, {typeExpression}) : cx.Call.LiftOwn(index, {typeExpression});");
                w.Line($"return {table}.Remove(handle.Representation);");
            }
        }
    }

    /// <summary>The export wrapper's field holding the runtime type of a resource the component defines.</summary>
    public static string GuestResourceField(TypeDefinition resource) => "Resource" + CSharpNames.Pascal(resource.Name);

    /// <summary><c>new T[n]</c>, with the count before any array ranks of the element type (<c>new byte[n][]</c>).</summary>
    private static string NewArray(string elementType, string count)
    {
        var ranks = "";
        while (elementType.EndsWith("[]", System.StringComparison.Ordinal))
        {
            ranks += "[]";
            elementType = elementType.Substring(0, elementType.Length - 2);
        }
        return $"new {elementType}[{count}]{ranks}";
    }
}
