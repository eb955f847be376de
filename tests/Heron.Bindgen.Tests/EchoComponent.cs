using System.Text;
using Heron.Bindgen.Model;
using Heron.Bindgen.Resolution;
using Heron.Bindgen.Syntax;

namespace Heron.Bindgen.Tests;

/// <summary>
/// Builds, as component text, a real component for a WIT world whose exported functions each call an imported
/// function with the same signature and return what it returns. Values then cross the canonical ABI four times
/// per call (host → guest memory → host → guest memory → host), through both sides of the generated bindings.
/// The flat core signatures follow the canonical ABI's flattening rules.
/// </summary>
internal static class EchoComponent
{
    private const int MaxFlatParams = 16;

    /// <summary>
    /// The component text. <paramref name="routes"/> maps an exported function to the import it calls (instance
    /// name, function name); unlisted ones call the imported function of the same name.
    /// </summary>
    public static string Build(WorldModel world, IReadOnlyDictionary<string, (string Instance, string Function)>? routes = null)
    {
        var text = new StringBuilder("(component\n");
        var ids = new Dictionary<TypeDefinition, string>();
        var imports = new List<(string Key, FunctionModel Function, string InstanceId)>();

        for (var i = 0; i < world.Imports.Count; i++)
        {
            var model = world.Imports[i].Interface!;
            var instanceId = $"$i{i}";
            text.Append($"  (import \"{world.Imports[i].Key}\" (instance {instanceId}\n");
            var local = new Dictionary<TypeDefinition, string>();
            foreach (var definition in model.Types)
            {
                var original = definition.Unaliased();
                var localId = $"$e-{definition.Name}";
                if (original.Kind == TypeDefinitionKind.Alias) continue;
                if (definition.IsUse)
                    text.Append($"    (export \"{definition.Name}\" (type {localId} (eq {ids[original]})))\n");
                else if (definition.Kind == TypeDefinitionKind.Resource)
                    text.Append($"    (export \"{definition.Name}\" (type {localId} (sub resource)))\n");
                else if (definition.Kind == TypeDefinitionKind.Alias)
                    continue;
                else
                {
                    text.Append($"    (type $d-{definition.Name} {Definition(definition, local)})\n");
                    text.Append($"    (export \"{definition.Name}\" (type {localId} (eq $d-{definition.Name})))\n");
                }
                local[original] = localId;
            }
            foreach (var function in AllFunctions(model))
            {
                text.Append($"    (export \"{function.ExternName}\" (func{Signature(function, local)}))\n");
                imports.Add((world.Imports[i].Key, function, instanceId));
            }
            text.Append("  ))\n");
            foreach (var definition in model.Types.Where(d => !d.IsUse && d.Kind != TypeDefinitionKind.Alias))
            {
                var id = $"$i{i}-{definition.Name}";
                text.Append($"  (alias export {instanceId} \"{definition.Name}\" (type {id}))\n");
                ids[definition] = id;
            }
        }

        text.Append("""
              (core module $Libc
                (memory (export "memory") 16)
                (global $next (mut i32) (i32.const 4096))
                (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
                  (local $p i32)
                  (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                         (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
                  (global.set $next (i32.add (local.get $p) (local.get $size)))
                  (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
                  (local.get $p)))
              (core instance $libc (instantiate $Libc))

            """);
        const string Options = "(memory (core memory $libc \"memory\")) (realloc (core func $libc \"realloc\"))";
        for (var i = 0; i < imports.Count; i++)
            text.Append($"  (core func $c{i} (canon lower (func {imports[i].InstanceId} \"{imports[i].Function.ExternName}\") {Options}))\n");

        var exportModel = world.Exports.Single().Interface!;
        var exported = AllFunctions(exportModel).ToList();
        // A guest must drop the borrows it was lent before it returns: one resource.drop per resource type.
        var resources = ids.Keys.Where(d => d.Kind == TypeDefinitionKind.Resource).ToList();
        foreach (var resource in resources)
            text.Append($"  (core func $drop-{resource.Name} (canon resource.drop {ids[resource]}))\n");
        text.Append("  (core module $M\n    (import \"libc\" \"memory\" (memory 1))\n");
        foreach (var resource in resources)
            text.Append($"    (import \"host\" \"drop-{resource.Name}\" (func $drop-{resource.Name} (param i32)))\n");
        for (var i = 0; i < imports.Count; i++)
            text.Append($"    (import \"host\" \"f{i}\" (func $f{i}{CoreSignature(imports[i].Function, lowering: true)}))\n");
        foreach (var function in exported)
        {
            var (key, name) = routes is not null && routes.TryGetValue(function.Name, out var route) ? route : (null, function.Name);
            var target = imports.FindIndex(m => m.Function.ExternName == name && (key is null || m.Key == key));
            if (target < 0) throw new InvalidOperationException($"no import for {function.Name}");
            var parameters = FlatParameters(function).Count;
            var results = Flatten(function.Result).Count;
            var call = new StringBuilder($"(call $f{target}");
            for (var p = 0; p < parameters; p++) call.Append($" (local.get {p})");
            if (results > 1) call.Append(" (i32.const 1024)");
            call.Append(')');
            var drops = new StringBuilder();
            var flatIndex = 0;
            foreach (var parameter in function.Parameters)
            {
                if (parameters <= MaxFlatParams && TypeOps.Normalize(parameter.Type) is HandleType { IsBorrow: true } borrowed)
                    drops.Append($" (call $drop-{borrowed.Resource.Name} (local.get {flatIndex}))");
                flatIndex += Flatten(parameter.Type).Count;
            }
            if (drops.Length > 0)
            {
                // Keep the result in a local while the borrows are dropped.
                if (results == 1) call.Insert(0, "(local.set $r ").Append(')');
                call.Append(drops);
                if (results == 1) call.Append(" (local.get $r)");
            }
            var local = drops.Length > 0 && results == 1 ? $" (local $r {Flatten(function.Result)[0]})" : "";
            text.Append($"    (func (export \"{function.Name}\"){CoreSignature(function, lowering: false)}{local} {call}{(results > 1 ? " (i32.const 1024)" : "")})\n");
        }
        text.Append("  )\n  (core instance $m (instantiate $M (with \"libc\" (instance $libc)) (with \"host\" (instance");
        for (var i = 0; i < imports.Count; i++) text.Append($" (export \"f{i}\" (func $c{i}))");
        foreach (var resource in resources) text.Append($" (export \"drop-{resource.Name}\" (func $drop-{resource.Name}))");
        text.Append("))))\n");

        var idsByName = ids.ToDictionary(p => p.Key, p => p.Value);
        foreach (var function in exported)
            text.Append($"  (func $g-{function.Name}{Signature(function, idsByName)} (canon lift (core func $m \"{function.Name}\") {Options}))\n");
        text.Append("  (instance $exports\n");
        foreach (var definition in exportModel.Types.Where(d => d.IsUse && d.Unaliased().Kind != TypeDefinitionKind.Alias))
            text.Append($"    (export \"{definition.Name}\" (type {ids[definition.Unaliased()]}))\n");
        foreach (var function in exported) text.Append($"    (export \"{function.Name}\" (func $g-{function.Name}))\n");
        text.Append($"  )\n  (export \"{world.Exports.Single().Key}\" (instance $exports))\n)\n");
        return text.ToString();
    }

    private static IEnumerable<FunctionModel> AllFunctions(InterfaceModel model) =>
        model.Functions.Concat(model.Types.Where(t => !t.IsUse && t.Kind == TypeDefinitionKind.Resource).SelectMany(t => t.Functions));

    private static string Signature(FunctionModel function, Dictionary<TypeDefinition, string> names)
    {
        var text = new StringBuilder();
        foreach (var parameter in function.Parameters) text.Append($" (param \"{parameter.Name}\" {Type(parameter.Type, names)})");
        if (function.Result is not null) text.Append($" (result {Type(function.Result, names)})");
        return text.ToString();
    }

    private static string Definition(TypeDefinition definition, Dictionary<TypeDefinition, string> names) => definition.Kind switch
    {
        TypeDefinitionKind.Record => "(record" + string.Concat(definition.Fields.Select(f => $" (field \"{f.Name}\" {Type(f.Type, names)})")) + ")",
        TypeDefinitionKind.Variant => "(variant" + string.Concat(definition.Cases.Select(c => c.Payload is null ? $" (case \"{c.Name}\")" : $" (case \"{c.Name}\" {Type(c.Payload, names)})")) + ")",
        TypeDefinitionKind.Enum => "(enum" + string.Concat(definition.Cases.Select(c => $" \"{c.Name}\"")) + ")",
        TypeDefinitionKind.Flags => "(flags" + string.Concat(definition.Cases.Select(c => $" \"{c.Name}\"")) + ")",
        _ => throw new InvalidOperationException(definition.Kind.ToString()),
    };

    private static string Type(WitType type, Dictionary<TypeDefinition, string> names)
    {
        type = TypeOps.Normalize(type);
        return type switch
        {
            PrimitiveType primitive => primitive.Kind.ToString().ToLowerInvariant(),
            ListType list => $"(list {Type(list.Element, names)})",
            OptionType option => $"(option {Type(option.Inner, names)})",
            ResultType result => "(result" + (result.Ok is null ? "" : " " + Type(result.Ok, names)) + (result.Error is null ? "" : $" (error {Type(result.Error, names)})") + ")",
            TupleType tuple => "(tuple" + string.Concat(tuple.Elements.Select(e => " " + Type(e, names))) + ")",
            HandleType handle => $"({(handle.IsBorrow ? "borrow" : "own")} {names[handle.Resource]})",
            NamedType named => names[named.Definition.Unaliased()],
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    /// <summary>The core signature of a lowered import (<paramref name="lowering"/>) or of the core function a lift wraps.</summary>
    private static string CoreSignature(FunctionModel function, bool lowering)
    {
        var parameters = FlatParameters(function);
        var results = Flatten(function.Result);
        var text = new StringBuilder();
        var all = new List<string>(parameters);
        if (lowering && results.Count > 1) all.Add("i32");
        if (all.Count > 0) text.Append(" (param " + string.Join(" ", all) + ")");
        if (results.Count == 1) text.Append($" (result {results[0]})");
        else if (results.Count > 1 && !lowering) text.Append(" (result i32)");
        return text.ToString();
    }

    private static List<string> FlatParameters(FunctionModel function)
    {
        var flat = function.Parameters.SelectMany(p => Flatten(p.Type)).ToList();
        return flat.Count > MaxFlatParams ? ["i32"] : flat;
    }

    private static List<string> Flatten(WitType? type)
    {
        if (type is null) return [];
        type = TypeOps.Normalize(type);
        switch (type)
        {
            case PrimitiveType primitive:
                return primitive.Kind switch
                {
                    PrimitiveKind.S64 or PrimitiveKind.U64 => ["i64"],
                    PrimitiveKind.F32 => ["f32"],
                    PrimitiveKind.F64 => ["f64"],
                    PrimitiveKind.String => ["i32", "i32"],
                    _ => ["i32"],
                };
            case ListType:
                return ["i32", "i32"];
            case HandleType:
                return ["i32"];
            case TupleType tuple:
                return tuple.Elements.SelectMany(Flatten).ToList();
            case OptionType option:
                return FlattenVariant([null, option.Inner]);
            case ResultType result:
                return FlattenVariant([result.Ok, result.Error]);
            case NamedType named:
            {
                var definition = named.Definition.Unaliased();
                return definition.Kind switch
                {
                    TypeDefinitionKind.Record => definition.Fields.SelectMany(f => Flatten(f.Type)).ToList(),
                    TypeDefinitionKind.Variant => FlattenVariant(definition.Cases.Select(c => c.Payload).ToList()),
                    _ => ["i32"],
                };
            }
            default:
                throw new InvalidOperationException(type.ToString());
        }
    }

    private static List<string> FlattenVariant(List<WitType?> cases)
    {
        var joined = new List<string>();
        foreach (var payload in cases)
        {
            var flat = Flatten(payload);
            for (var i = 0; i < flat.Count; i++)
            {
                if (i < joined.Count) joined[i] = Join(joined[i], flat[i]);
                else joined.Add(flat[i]);
            }
        }
        return ["i32", .. joined];
    }

    private static string Join(string a, string b) =>
        a == b ? a : (a, b) is ("i32", "f32") or ("f32", "i32") ? "i32" : "i64";
}
