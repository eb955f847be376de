using System.Linq;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Emit;

internal sealed partial class WorldEmitter
{
    private void WriteSupport()
    {
        WriteLookups();
        WriteHostResourceTables();
        WriteMarshal();
        if (_types.UsesResult)
        {
            WriteResult();
            WriteUnit();
        }
        if (_types.UsesOption) WriteOption();
    }

    private void WriteLookups()
    {
        using (_w.Block("private static global::Heron.Components.ComponentInstance RequireInstance(global::Heron.Components.ComponentInstance instance, string name)"))
        {
            _w.Line("return instance.GetInstance(name) ?? throw new global::System.ArgumentException($\"the component does not export the interface {name}\");");
        }
        _w.Line();
        using (_w.Block("private static global::Heron.Components.ComponentFunction RequireFunction(global::Heron.Components.ComponentInstance instance, string name, string owner)"))
        {
            _w.Line("return instance.GetFunction(name) ?? throw new global::System.ArgumentException($\"{owner} does not export the function {name}\");");
        }
        _w.Line();
    }

    /// <summary>
    /// The host's resources live in tables, one per resource type, shared by everything defined in one linker
    /// (an interface using another's resource must see the same handles).
    /// </summary>
    private void WriteHostResourceTables()
    {
        _w.Line("private static readonly global::System.Runtime.CompilerServices.ConditionalWeakTable<global::Heron.Components.ComponentLinker, HostResources> LinkerResources = new();");
        _w.Line();
        using (_w.Block("private static HostResources HostResourcesFor(global::Heron.Components.ComponentLinker linker)"))
        {
            _w.Line("return LinkerResources.GetValue(linker, static _ => new HostResources());");
        }
        _w.Line();
        _w.Line("/// <summary>The resource types the host implements, each with the table of objects behind its handles.</summary>");
        using (_w.Block("internal sealed class HostResources"))
        {
            for (var i = 0; i < _plan.HostResources.Count; i++)
            {
                _w.Line($"public readonly global::Heron.Components.ResourceType Type{i};");
                _w.Line($"public readonly ResourceTable<{Name(_plan.HostResources[i])}> Table{i} = new();");
            }
            _w.Line();
            using (_w.Block("public HostResources()"))
            {
                for (var i = 0; i < _plan.HostResources.Count; i++)
                {
                    _w.Line($"var table{i} = Table{i};");
                    _w.Line($"Type{i} = new global::Heron.Components.ResourceType({CSharpNames.Literal(_plan.HostResources[i].Name)}, rep => (table{i}.Remove(rep) as global::System.IDisposable)?.Dispose());");
                }
            }
            _w.Line();
            using (_w.Block("public void EndLoans()"))
            {
                for (var i = 0; i < _plan.HostResources.Count; i++) _w.Line($"Table{i}.EndLoans();");
            }
        }
        _w.Line();
        _w.Line("/// <summary>Objects behind handles: a handle's representation is its index here.</summary>");
        using (_w.Block("internal sealed class ResourceTable<T> where T : class"))
        {
            _w.Line("private readonly global::System.Collections.Generic.List<T?> _items = new();");
            _w.Line("private readonly global::System.Collections.Generic.Stack<uint> _free = new();");
            _w.Line("private readonly global::System.Collections.Generic.List<uint> _loans = new();");
            _w.Line();
            using (_w.Block("public uint Add(T item)"))
            {
                _w.Line("global::System.ArgumentNullException.ThrowIfNull(item);");
                using (_w.Block("lock (_items)"))
                {
                    using (_w.Block("if (_free.Count > 0)"))
                    {
                        _w.Line("var rep = _free.Pop();");
                        _w.Line("_items[(int)rep] = item;");
                        _w.Line("return rep;");
                    }
                    _w.Line("_items.Add(item);");
                    _w.Line("return (uint)(_items.Count - 1);");
                }
            }
            _w.Line();
            using (_w.Block("public T Get(uint rep)"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("return rep < (uint)_items.Count && _items[(int)rep] is { } item ? item");
                    _w.Line("    : throw new global::System.InvalidOperationException($\"no {typeof(T).Name} has the handle representation {rep}\");");
                }
            }
            _w.Line();
            using (_w.Block("public T Remove(uint rep)"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("var item = Get(rep);");
                    _w.Line("_items[(int)rep] = null;");
                    _w.Line("_free.Push(rep);");
                    _w.Line("return item;");
                }
            }
            _w.Line();
            _w.Line("/// <summary>Puts an object in the table for the length of one call that borrows it.</summary>");
            using (_w.Block("public uint Lend(T item)"))
            {
                _w.Line("var rep = Add(item);");
                _w.Line("lock (_items) _loans.Add(rep);");
                _w.Line("return rep;");
            }
            _w.Line();
            using (_w.Block("public void EndLoans()"))
            {
                using (_w.Block("lock (_items)"))
                {
                    _w.Line("foreach (var rep in _loans) Remove(rep);");
                    _w.Line("_loans.Clear();");
                }
            }
        }
        _w.Line();
    }

    /// <summary>
    /// Conversions between the C# shapes and component values. The converters are written after everything
    /// else, since writing one may register those of the types it contains.
    /// </summary>
    private void WriteMarshal()
    {
        _w.Line("/// <summary>Conversions between the C# types of these bindings and component values.</summary>");
        using (_w.Block("internal sealed class Marshal"))
        {
            _w.Line("internal readonly HostResources Host;");
            _w.Line($"internal readonly {_plan.ClassName}? World;");
            _w.Line();
            using (_w.Block($"internal Marshal(HostResources host, {_plan.ClassName}? world)"))
            {
                _w.Line("Host = host;");
                _w.Line("World = world;");
            }
            for (var i = 0; i < _types.Conversions.Count; i++) WriteConversion(_types.Conversions[i]);
        }
        _w.Line();
    }

    private void WriteConversion(TypeMapper.Conversion conversion)
    {
        var type = conversion.Type;
        var cs = _types.CsType(type);
        _w.Line();
        using (_w.Block($"internal {CV} {conversion.LowerName}({cs} v)"))
        {
            WriteLowerBody(type, cs);
        }
        _w.Line();
        using (_w.Block($"internal {cs} {conversion.LiftName}({CV} v)"))
        {
            WriteLiftBody(type, cs);
        }
    }

    private void WriteLowerBody(WitType type, string cs)
    {
        switch (type)
        {
            case ListType { Element: var element } when TypeOps.Normalize(element) is PrimitiveType { Kind: PrimitiveKind.U8 }:
                _w.Line($"return {CV}.Bytes(v ?? throw new global::System.ArgumentNullException(nameof(v), \"a list<u8> cannot be null\"));");
                break;
            case ListType list:
                _w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
                _w.Line($"var items = new {CV}[v.Length];");
                _w.Line($"for (var i = 0; i < v.Length; i++) items[i] = {_types.Lower(list.Element, "v[i]")};");
                _w.Line($"return {CV}.List(items);");
                break;
            case OptionType option when TypeOps.Normalize(option.Inner) is OptionType:
                _w.Line($"return v.HasValue ? {CV}.Some({_types.Lower(option.Inner, "v.Value")}) : {CV}.None;");
                break;
            case OptionType option:
                _w.Line($"return v is {{ }} some ? {CV}.Some({_types.Lower(option.Inner, "some")}) : {CV}.None;");
                break;
            case ResultType result:
                _w.Line($"return v.IsOk ? {CV}.Ok({(result.Ok is null ? "null" : _types.Lower(result.Ok, "v.Value"))}) : {CV}.Error({(result.Error is null ? "null" : _types.Lower(result.Error, "v.Error"))});");
                break;
            case TupleType tuple:
                _w.Line($"return {CV}.Tuple(new {CV}[] {{ {string.Join(", ", tuple.Elements.Select((e, i) => _types.Lower(e, $"v.Item{i + 1}")))} }});");
                break;
            case HandleType handle when _plan.GuestResources.ContainsKey(handle.Resource):
                _w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
                _w.Line($"return {CV}.Resource(v.Handle);");
                break;
            case HandleType handle:
            {
                var index = HostResourceIndex(handle.Resource);
                _w.Line(handle.IsBorrow
                    ? $"return {CV}.Resource(new {Handle}(Host.Type{index}, Host.Table{index}.Lend(v), isBorrow: true));"
                    : $"return {CV}.Resource(new {Handle}(Host.Type{index}, Host.Table{index}.Add(v), isBorrow: false));");
                break;
            }
            case NamedType named:
                WriteLowerNamed(named.Definition, cs);
                break;
        }
    }

    private void WriteLowerNamed(TypeDefinition definition, string cs)
    {
        var names = MemberNames(definition);
        switch (definition.Kind)
        {
            case TypeDefinitionKind.Record:
                _w.Line("global::System.ArgumentNullException.ThrowIfNull(v);");
                _w.Line($"return {CV}.Record(new (string, {CV})[]");
                _w.Line("{");
                for (var i = 0; i < definition.Fields.Count; i++)
                    _w.Line($"    ({CSharpNames.Literal(definition.Fields[i].Name)}, {_types.Lower(definition.Fields[i].Type, "v." + names[i])}),");
                _w.Line("});");
                break;
            case TypeDefinitionKind.Variant:
                using (_w.Block("switch (v)"))
                {
                    for (var i = 0; i < definition.Cases.Count; i++)
                    {
                        var item = definition.Cases[i];
                        _w.Line(item.Payload is null
                            ? $"case {cs}.{names[i]}: return {CV}.Variant({CSharpNames.Literal(item.Name)});"
                            : $"case {cs}.{names[i]} c{i}: return {CV}.Variant({CSharpNames.Literal(item.Name)}, {_types.Lower(item.Payload, $"c{i}.{PayloadName(names[i])}")});");
                    }
                    _w.Line($"default: throw new global::System.ArgumentException(\"the value is not a case of the variant {definition.Name}\", nameof(v));");
                }
                break;
            case TypeDefinitionKind.Enum:
                using (_w.Block($"return {CV}.Enum(v switch", "});"))
                {
                    for (var i = 0; i < definition.Cases.Count; i++) _w.Line($"{cs}.{names[i]} => {CSharpNames.Literal(definition.Cases[i].Name)},");
                    _w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(v), v, \"not a case of the enum {definition.Name}\"),");
                }
                break;
            case TypeDefinitionKind.Flags:
                _w.Line("var set = new global::System.Collections.Generic.List<string>();");
                for (var i = 0; i < definition.Cases.Count; i++)
                    _w.Line($"if ((v & {cs}.{names[i]}) != 0) set.Add({CSharpNames.Literal(definition.Cases[i].Name)});");
                _w.Line($"return {CV}.Flags(set);");
                break;
        }
    }

    private void WriteLiftBody(WitType type, string cs)
    {
        switch (type)
        {
            case ListType { Element: var element } when TypeOps.Normalize(element) is PrimitiveType { Kind: PrimitiveKind.U8 }:
                _w.Line("return v.AsBytes().ToArray();");
                break;
            case ListType list:
                _w.Line("var items = v.AsList();");
                _w.Line($"var result = {NewArray(_types.CsType(list.Element), "items.Count")};");
                _w.Line($"for (var i = 0; i < result.Length; i++) result[i] = {_types.Lift(list.Element, "items[i]")};");
                _w.Line("return result;");
                break;
            case OptionType option when TypeOps.Normalize(option.Inner) is OptionType:
                _w.Line($"return v.Label == \"some\" ? {cs}.Some({_types.Lift(option.Inner, "v.Payload!")}) : {cs}.None;");
                break;
            case OptionType option:
                _w.Line($"if (v.Label != \"some\") return null;");
                _w.Line($"return {_types.Lift(option.Inner, "v.Payload!")};");
                break;
            case ResultType result:
                _w.Line($"return v.Label == \"ok\" ? {cs}.Ok({(result.Ok is null ? "default" : _types.Lift(result.Ok, "v.Payload!"))}) : {cs}.Err({(result.Error is null ? "default" : _types.Lift(result.Error, "v.Payload!"))});");
                break;
            case TupleType tuple:
            {
                _w.Line("var items = v.AsList();");
                var elements = tuple.Elements.Select((e, i) => _types.Lift(e, $"items[{i}]")).ToList();
                _w.Line(tuple.Elements.Count == 1 ? $"return new {cs}({elements[0]});" : $"return ({string.Join(", ", elements)});");
                break;
            }
            case HandleType handle when _plan.GuestResources.TryGetValue(handle.Resource, out var export):
                _w.Line($"return new {cs}(World!.{export.PropertyName}, v.AsResource());");
                break;
            case HandleType handle:
            {
                var index = HostResourceIndex(handle.Resource);
                _w.Line(handle.IsBorrow
                    ? $"return Host.Table{index}.Get(v.AsResource().Representation);"
                    : $"return Host.Table{index}.Remove(v.AsResource().Representation);");
                break;
            }
            case NamedType named:
                WriteLiftNamed(named.Definition, cs);
                break;
        }
    }

    private void WriteLiftNamed(TypeDefinition definition, string cs)
    {
        var names = MemberNames(definition);
        switch (definition.Kind)
        {
            case TypeDefinitionKind.Record:
                _w.Line("var fields = v.AsRecord();");
                _w.Line($"return new {cs}({string.Join(", ", definition.Fields.Select((f, i) => _types.Lift(f.Type, $"fields[{i}].Value")))});");
                break;
            case TypeDefinitionKind.Variant:
                using (_w.Block("switch (v.Label)"))
                {
                    for (var i = 0; i < definition.Cases.Count; i++)
                    {
                        var item = definition.Cases[i];
                        _w.Line(item.Payload is null
                            ? $"case {CSharpNames.Literal(item.Name)}: return new {cs}.{names[i]}();"
                            : $"case {CSharpNames.Literal(item.Name)}: return new {cs}.{names[i]}({_types.Lift(item.Payload, "v.Payload!")});");
                    }
                    _w.Line($"default: throw new global::System.InvalidOperationException($\"'{{v.Label}}' is not a case of the variant {definition.Name}\");");
                }
                break;
            case TypeDefinitionKind.Enum:
                using (_w.Block("return v.Label switch", "};"))
                {
                    for (var i = 0; i < definition.Cases.Count; i++) _w.Line($"{CSharpNames.Literal(definition.Cases[i].Name)} => {cs}.{names[i]},");
                    _w.Line($"_ => throw new global::System.InvalidOperationException($\"'{{v.Label}}' is not a case of the enum {definition.Name}\"),");
                }
                break;
            case TypeDefinitionKind.Flags:
                _w.Line($"{cs} result = 0;");
                using (_w.Block("foreach (var name in v.AsFlags())"))
                {
                    using (_w.Block("result |= name switch", "};"))
                    {
                        for (var i = 0; i < definition.Cases.Count; i++) _w.Line($"{CSharpNames.Literal(definition.Cases[i].Name)} => {cs}.{names[i]},");
                        _w.Line($"_ => throw new global::System.InvalidOperationException($\"'{{name}}' is not a flag of {definition.Name}\"),");
                    }
                }
                _w.Line("return result;");
                break;
        }
    }

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
