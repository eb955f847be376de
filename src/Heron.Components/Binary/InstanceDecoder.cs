using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>Reads core instances and component instances: an instantiation or a bundle of inline exports.</summary>
internal static class InstanceDecoder
{
    public static CoreInstanceDefinition ReadCoreInstance(ref WasmReader reader)
    {
        var offset = reader.Position;
        var form = reader.ReadByte();
        switch (form)
        {
            case 0x00:
            {
                var module = reader.ReadIndex();
                var count = reader.ReadItemCount(1);
                var args = new CoreInstantiateArg[count];
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadName();
                    var kindOffset = reader.Position;
                    var kind = reader.ReadByte();
                    if (kind != 0x12) throw SortDecoder.LeadingByte(ref reader, kind, "instantiation arg kind", kindOffset);
                    args[i] = new CoreInstantiateArg(name, reader.ReadIndex());
                }
                return new CoreInstanceDefinition(offset, new CoreInstantiate(module, args));
            }
            case 0x01:
            {
                var count = reader.ReadItemCount(1);
                var exports = new CoreInlineExport[count];
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadName();
                    exports[i] = new CoreInlineExport(name, SortDecoder.ReadCoreSortIndex(ref reader));
                }
                return new CoreInstanceDefinition(offset, new CoreInlineExports(exports));
            }
            default:
                throw SortDecoder.LeadingByte(ref reader, form, "core instance", offset);
        }
    }

    public static InstanceDefinition ReadInstance(ref WasmReader reader)
    {
        var offset = reader.Position;
        var form = reader.ReadByte();
        switch (form)
        {
            case 0x00:
            {
                var component = reader.ReadIndex();
                var count = reader.ReadItemCount(1);
                var args = new InstantiateArg[count];
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadName();
                    args[i] = new InstantiateArg(name, SortDecoder.ReadSortIndex(ref reader));
                }
                return new InstanceDefinition(offset, new Instantiate(component, args));
            }
            case 0x01:
            {
                var count = reader.ReadItemCount(1);
                var exports = new InlineExport[count];
                for (var i = 0; i < count; i++)
                {
                    var name = NameDecoder.ReadExternName(ref reader);
                    exports[i] = new InlineExport(name, SortDecoder.ReadSortIndex(ref reader));
                }
                return new InstanceDefinition(offset, new InlineExports(exports));
            }
            default:
                throw SortDecoder.LeadingByte(ref reader, form, "instance", offset);
        }
    }
}
