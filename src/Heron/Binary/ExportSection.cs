using Heron.Model;

namespace Heron.Binary;

/// <summary>Section 7: exports (duplicate names are a validation error, not a decoding one).</summary>
internal static class ExportSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var maxKind = module.Has(WasmFeatures.Exceptions) ? 4 : 3;
        var count = reader.ReadItemCount(1);
        var exports = new Export[count];
        for (int i = 0; i < count; i++)
        {
            var name = reader.ReadName();
            var kindOffset = reader.Position;
            var kind = reader.ReadByte();
            if (kind > maxKind) throw reader.Error("malformed export kind", kindOffset);
            exports[i] = new Export(name, (ExternKind)kind, reader.ReadIndex());
        }
        module.Exports = exports;
    }
}
