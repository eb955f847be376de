using System.Text;
using Heron.Components.Validation;

namespace Heron.Components.Wit;

/// <summary>
/// Writes the body of one interface: the types it uses from other interfaces, the types it defines (resources
/// with their constructors, methods and static functions), then its functions.
/// </summary>
internal sealed class InterfaceWriter(StringBuilder text, TypeNames names, InterfaceName? self, string indent)
{
    public void Write(IReadOnlyList<ComponentExternItem> exports)
    {
        foreach (var export in exports.Where(e => e.Type.Kind == ComponentExternKind.Type)) names.NameLocally(export.Type.Type, self, export.Name);
        names.SetLocalNames(self, exports);
        WriteUses(exports);
        foreach (var export in exports.Where(e => e.Type.Kind == ComponentExternKind.Type && IsOwn(e))) WriteType(export, exports);
        foreach (var export in exports.Where(e => e.Type.Type is ComponentFunctionType))
        {
            var parsed = ExternNames.TryParse(export.Name);
            if (parsed is { Kind: ExternNameKind.Label })
                text.Append($"{indent}{WitPrinter.Escape(export.Name)}: {names.Func((ComponentFunctionType)export.Type.Type, self)};\n");
        }
        foreach (var export in exports.Where(e => e.Type.Type is ComponentInstanceType))
        {
            text.Append($"{indent}/* export {export.Name}: an instance, which a WIT interface cannot hold */\n");
        }
    }

    /// <summary>Whether this interface defines the type (rather than using it from another interface).</summary>
    private bool IsOwn(ComponentExternItem export) =>
        self == null || names.Owner(export.Type.Type) is not { } owner || owner.Owner.Full == self.Full || owner.Owner.Full.Length == 0;

    private void WriteUses(IReadOnlyList<ComponentExternItem> exports)
    {
        var uses = exports.Where(e => e.Type.Kind == ComponentExternKind.Type && !IsOwn(e))
            .Select(e => (Owner: names.Owner(e.Type.Type)!.Value, Local: e.Name))
            .GroupBy(u => u.Owner.Owner.Full);
        var any = false;
        foreach (var group in uses)
        {
            var owner = group.First().Owner.Owner;
            var items = group.Select(u => u.Owner.Name == u.Local ? WitPrinter.Escape(u.Local) : $"{WitPrinter.Escape(u.Owner.Name)} as {WitPrinter.Escape(u.Local)}");
            var path = self != null && owner.Package == self.Package ? owner.Interface : $"{owner.Package[..PackageEnd(owner.Package)]}/{owner.Interface}{Version(owner.Package)}";
            text.Append($"{indent}use {path}.{{{string.Join(", ", items)}}};\n");
            any = true;
        }
        if (any) text.Append('\n');
    }

    private static int PackageEnd(string package) => package.IndexOf('@') is var at && at >= 0 ? at : package.Length;

    private static string Version(string package) => package.IndexOf('@') is var at && at >= 0 ? package[at..] : "";

    private void WriteType(ComponentExternItem export, IReadOnlyList<ComponentExternItem> exports)
    {
        var name = WitPrinter.Escape(export.Name);
        var inner = indent + "  ";
        switch (export.Type.Type)
        {
            case ResourceType:
                var functions = exports.Where(e => e.Type.Type is ComponentFunctionType && ExternNames.TryParse(e.Name) is { } p
                    && p.Kind is ExternNameKind.Constructor or ExternNameKind.Method or ExternNameKind.Static && p.Resource == export.Name).ToList();
                if (functions.Count == 0)
                {
                    text.Append($"{indent}resource {name};\n");
                    break;
                }
                text.Append($"{indent}resource {name} {{\n");
                foreach (var function in functions)
                {
                    var parsed = ExternNames.Parse(function.Name);
                    var func = (ComponentFunctionType)function.Type.Type;
                    text.Append(parsed.Kind switch
                    {
                        ExternNameKind.Constructor => $"{inner}{names.Func(new ComponentFunctionType(func.Parameters, null), self, keyword: "constructor")};\n",
                        ExternNameKind.Method => $"{inner}{WitPrinter.Escape(parsed.Label)}: {names.Func(func, self, skip: 1)};\n",
                        _ => $"{inner}{WitPrinter.Escape(parsed.Label)}: static {names.Func(func, self)};\n",
                    });
                }
                text.Append($"{indent}}}\n");
                break;
            case RecordType record:
                text.Append($"{indent}record {name} {{\n");
                foreach (var field in record.Fields) text.Append($"{inner}{WitPrinter.Escape(field.Label)}: {names.Value(field.Type, self)},\n");
                text.Append($"{indent}}}\n");
                break;
            case VariantType variant:
                text.Append($"{indent}variant {name} {{\n");
                foreach (var c in variant.Cases)
                    text.Append(c.Type == null ? $"{inner}{WitPrinter.Escape(c.Label)},\n" : $"{inner}{WitPrinter.Escape(c.Label)}({names.Value(c.Type, self)}),\n");
                text.Append($"{indent}}}\n");
                break;
            case EnumType enumeration:
                text.Append($"{indent}enum {name} {{\n");
                foreach (var c in enumeration.Cases) text.Append($"{inner}{WitPrinter.Escape(c)},\n");
                text.Append($"{indent}}}\n");
                break;
            case FlagsType flags:
                text.Append($"{indent}flags {name} {{\n");
                foreach (var flag in flags.Names) text.Append($"{inner}{WitPrinter.Escape(flag)},\n");
                text.Append($"{indent}}}\n");
                break;
            case ComponentValueType value:
                // The type is named here by this export, so print what it stands for, not the name itself.
                text.Append($"{indent}type {name} = {names.Structure(value, self)};\n");
                break;
        }
    }
}
