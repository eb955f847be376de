using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>
/// Reads an <c>alias</c>: its sort, then its target (export, core export or outer). The sort byte comes first
/// but whether it is allowed depends on the target, so both are read before either is judged.
/// </summary>
internal static class AliasDecoder
{
    public static (Sort Sort, AliasTarget Target) Read(ref WasmReader reader)
    {
        var sortOffset = reader.Position;
        var first = reader.ReadByte();
        var coreOffset = reader.Position;
        var core = first == 0 ? reader.ReadByte() : (byte)0;
        var targetOffset = reader.Position;
        var target = reader.ReadByte();
        var sort = first == 0 ? SortDecoder.CoreSort(core) : SortDecoder.ComponentSort(first);
        var (badByte, badOffset) = first == 0 ? (core, coreOffset) : (first, sortOffset);
        switch (target)
        {
            case 0x00:
            {
                if (sort == null) throw SortDecoder.LeadingByte(ref reader, badByte, "component external kind", badOffset);
                var instance = reader.ReadIndex();
                return (sort.Value, new ExportAlias(instance, reader.ReadName()));
            }
            case 0x01:
            {
                if (sort == null) throw SortDecoder.LeadingByte(ref reader, badByte, "component external kind", badOffset);
                var instance = reader.ReadIndex();
                return (sort.Value, new CoreExportAlias(instance, reader.ReadName()));
            }
            case 0x02:
            {
                // Only types, modules and components can be reached from an enclosing scope.
                if (sort is not (Sort.CoreModule or Sort.CoreType or Sort.Type or Sort.Component))
                    throw SortDecoder.LeadingByte(ref reader, badByte, "component outer alias kind", badOffset);
                var count = reader.ReadIndex();
                return (sort.Value, new OuterAlias(count, reader.ReadIndex()));
            }
            default:
                throw SortDecoder.LeadingByte(ref reader, target, "alias", targetOffset);
        }
    }
}
