using System.Text;
using Heron.Components.Validation;

namespace Heron.Components.Wit;

/// <summary>
/// Prints a component's world as WIT: first <c>package root:component; world root { ... }</c> with each import
/// and export in the component's order (interfaces by name, plain-named functions and instances with their
/// types), as <c>jco wit</c> and <c>wasm-tools component wit</c> print it; then the interfaces the world names,
/// grouped per package and version, with their types, resources and functions. Named types are found by
/// identity, so a type an interface uses from another is printed as a <c>use</c>.
/// </summary>
internal static class WitPrinter
{
    public static string Print(ValidatedComponent component)
    {
        var interfaces = new List<(InterfaceName Name, ComponentInstanceType Type)>();
        foreach (var item in component.Imports.Concat(component.Exports))
        {
            if (item.Type.Type is ComponentInstanceType instance && InterfaceName.TryParse(item.Name) is { } name
                && !interfaces.Any(i => i.Name.Full == name.Full))
                interfaces.Add((name, instance));
        }
        var names = new TypeNames(interfaces);
        var text = new StringBuilder();
        text.Append("package root:component;\n\nworld root {\n");
        PrintItems(text, component.Imports, "import", names);
        if (component.Imports.Count > 0 && component.Exports.Count > 0) text.Append('\n');
        PrintItems(text, component.Exports, "export", names);
        text.Append("}\n");
        foreach (var package in interfaces.GroupBy(i => i.Name.Package))
        {
            text.Append($"\npackage {package.Key} {{\n");
            var first = true;
            foreach (var (name, type) in package)
            {
                if (!first) text.Append('\n');
                first = false;
                text.Append($"  interface {name.Interface} {{\n");
                new InterfaceWriter(text, names, name, "    ").Write(type.Exports);
                text.Append("  }\n");
            }
            text.Append("}\n");
        }
        return text.ToString();
    }

    private static void PrintItems(StringBuilder text, IReadOnlyList<ComponentExternItem> items, string keyword, TypeNames names)
    {
        foreach (var item in items)
        {
            if (InterfaceName.TryParse(item.Name) != null && item.Type.Kind == ComponentExternKind.Instance)
            {
                text.Append($"  {keyword} {item.Name};\n");
                continue;
            }
            switch (item.Type.Type)
            {
                case ComponentFunctionType func:
                    text.Append($"  {keyword} {Escape(item.Name)}: {names.Func(func, null)};\n");
                    break;
                case ComponentInstanceType instance:
                    text.Append($"  {keyword} {Escape(item.Name)}: interface {{\n");
                    new InterfaceWriter(text, names, null, "    ").Write(instance.Exports);
                    text.Append("  }\n");
                    break;
                case ResourceType:
                    text.Append($"  resource {Escape(item.Name)};\n");
                    break;
                case ComponentValueType value:
                    text.Append($"  type {Escape(item.Name)} = {names.Value(value, null)};\n");
                    break;
                default:
                    text.Append($"  /* {keyword} {item.Name}: a {item.Type.Kind.ToString().ToLowerInvariant()}, which WIT cannot describe */\n");
                    break;
            }
        }
    }

    private static readonly HashSet<string> Keywords =
    [
        "use", "type", "func", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char", "bool", "string",
        "option", "result", "list", "tuple", "record", "variant", "enum", "flags", "resource", "own", "borrow", "static",
        "interface", "world", "import", "export", "package", "constructor", "include", "with", "as", "from", "async",
        "future", "stream", "error-context", "_",
    ];

    /// <summary>A name as WIT writes it: a keyword used as a name is prefixed with <c>%</c>.</summary>
    public static string Escape(string name) => Keywords.Contains(name) ? "%" + name : name;
}
