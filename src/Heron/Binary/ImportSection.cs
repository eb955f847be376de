using Heron.Model;

namespace Heron.Binary;

/// <summary>Section 2: imports, each a module name, a field name and a description of what is imported.</summary>
internal static class ImportSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var features = module.Features;
        var count = reader.ReadItemCount(1);
        var imports = new Import[count];
        for (int i = 0; i < count; i++)
        {
            var moduleName = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Position;
            var kind = reader.ReadByte();
            switch (kind)
            {
                case 0:
                    imports[i] = new Import(moduleName, name, ExternKind.Function) { TypeIndex = reader.ReadIndex() };
                    module.ImportedFunctionCount++;
                    break;
                case 1:
                    imports[i] = new Import(moduleName, name, ExternKind.Table) { Table = TypeReader.ReadTableType(ref reader, features) };
                    module.ImportedTableCount++;
                    break;
                case 2:
                    imports[i] = new Import(moduleName, name, ExternKind.Memory) { Memory = TypeReader.ReadMemoryType(ref reader, features) };
                    module.ImportedMemoryCount++;
                    break;
                case 3:
                    imports[i] = new Import(moduleName, name, ExternKind.Global) { Global = TypeReader.ReadGlobalType(ref reader, features) };
                    module.ImportedGlobalCount++;
                    break;
                case 4 when module.Has(WasmFeatures.Exceptions):
                    imports[i] = new Import(moduleName, name, ExternKind.Tag) { TypeIndex = TypeReader.ReadTagType(ref reader) };
                    module.ImportedTagCount++;
                    break;
                default:
                    throw reader.Error("malformed import kind", kindOffset);
            }
        }
        module.Imports = imports;
    }
}
