using System.Text;
using Heron.Model;

namespace Heron.Cli;

/// <summary>Prints a readable summary of a module: types, imports, exports, memories, tables, globals, segments.</summary>
internal static class ModulePrinter
{
    public static void Print(WasmModule module, TextWriter output)
    {
        if (module.Names.ModuleName != null) output.WriteLine($"module ${module.Names.ModuleName}");
        Section(output, "types", module.Types.Length);
        for (int i = 0; i < module.Types.Length; i++) output.WriteLine($"  [{i}] {Describe(module.Types[i])}");

        Section(output, "imports", module.Imports.Length);
        foreach (var import in module.Imports) output.WriteLine($"  \"{import.Module}\" \"{import.Name}\" {DescribeImport(module, import)}");

        output.WriteLine($"functions: {module.FunctionCount} ({module.ImportedFunctionCount} imported, {module.FunctionTypeIndices.Length} defined)");

        Section(output, "tables", module.Tables.Length);
        for (int i = 0; i < module.Tables.Length; i++) output.WriteLine($"  [{module.ImportedTableCount + i}] table {module.Tables[i].Type}");

        Section(output, "memories", module.Memories.Length);
        for (int i = 0; i < module.Memories.Length; i++) output.WriteLine($"  [{module.ImportedMemoryCount + i}] memory {module.Memories[i]}");

        Section(output, "globals", module.Globals.Length);
        for (int i = 0; i < module.Globals.Length; i++) output.WriteLine($"  [{module.ImportedGlobalCount + i}] global {module.Globals[i].Type}");

        Section(output, "exports", module.Exports.Length);
        foreach (var export in module.Exports) output.WriteLine($"  \"{export.Name}\" {export.Kind.ToString().ToLowerInvariant()} {export.Index}");

        if (module.Start is { } start) output.WriteLine($"start: function {start}");

        Section(output, "element segments", module.Elements.Length);
        for (int i = 0; i < module.Elements.Length; i++)
        {
            var segment = module.Elements[i];
            var target = segment.Mode == SegmentMode.Active ? $" table {segment.TableIndex}" : "";
            output.WriteLine($"  [{i}] {segment.Mode.ToString().ToLowerInvariant()}{target} {segment.ElementType} x {segment.Count}");
        }

        Section(output, "data segments", module.Data.Length);
        for (int i = 0; i < module.Data.Length; i++)
        {
            var segment = module.Data[i];
            var target = segment.Mode == SegmentMode.Active ? $" memory {segment.MemoryIndex}" : "";
            output.WriteLine($"  [{i}] {segment.Mode.ToString().ToLowerInvariant()}{target} {segment.Data.Length} bytes");
        }

        if (module.CustomSections.Length > 0)
        {
            Section(output, "custom sections", module.CustomSections.Length);
            foreach (var custom in module.CustomSections) output.WriteLine($"  \"{custom.Name}\" {custom.Contents.Length} bytes");
        }
    }

    private static void Section(TextWriter output, string name, int count) => output.WriteLine($"{name}: {count}");

    private static string Describe(TypeDefinition type)
    {
        var text = new StringBuilder();
        if (type.Kind == CompositeKind.Function) text.Append(type.FunctionType);
        else
        {
            text.Append(type.Kind == CompositeKind.Struct ? "(struct" : "(array");
            foreach (var field in type.Fields) text.Append(field.Mutable ? $" (mut {field.Storage})" : $" {field.Storage}");
            text.Append(')');
        }
        if (type.SuperTypes.Length > 0) text.Append(" sub ").AppendJoin(' ', type.SuperTypes);
        return text.ToString();
    }

    private static string DescribeImport(WasmModule module, Import import) => import.Kind switch
    {
        ExternKind.Function => $"func {DescribeTypeUse(module, import.TypeIndex)}",
        ExternKind.Table => $"table {import.Table}",
        ExternKind.Memory => $"memory {import.Memory}",
        ExternKind.Global => $"global {import.Global}",
        _ => $"tag {DescribeTypeUse(module, import.TypeIndex)}",
    };

    private static string DescribeTypeUse(WasmModule module, int typeIndex) =>
        typeIndex < module.Types.Length ? $"(type {typeIndex}) {Describe(module.Types[typeIndex])}" : $"(type {typeIndex})";
}
