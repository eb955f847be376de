using Heron.Model;

namespace Heron.Binary;

/// <summary>Section 4: tables; with typed references a table may carry an initialiser (prefix 0x40 0x00).</summary>
internal static class TableSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var features = module.Features;
        var withInit = module.Has(WasmFeatures.FunctionReferences | WasmFeatures.Gc);
        var count = reader.ReadItemCount(1);
        var tables = new TableDefinition[count];
        for (int i = 0; i < count; i++)
        {
            if (withInit && reader.PeekByte() == 0x40)
            {
                reader.Position++;
                var reservedOffset = reader.Position;
                if (reader.ReadByte() != 0) throw reader.Error("malformed table", reservedOffset);
                var type = TypeReader.ReadTableType(ref reader, features);
                tables[i] = new TableDefinition(type, ConstantExpression.Read(ref reader, features));
            }
            else
            {
                tables[i] = new TableDefinition(TypeReader.ReadTableType(ref reader, features));
            }
        }
        module.Tables = tables;
    }
}
