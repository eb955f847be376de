using Heron.Binary;
using Heron.Components.Model;

namespace Heron.Components.Binary;

/// <summary>Reads <c>nameattributes</c>: an extern name, and in the 0x02 form its attributes.</summary>
internal static class NameDecoder
{
    public static ExternName ReadExternName(ref WasmReader reader)
    {
        var start = reader.Position;
        var form = reader.ReadByte();
        if (form > 2) throw SortDecoder.LeadingByte(ref reader, form, "component name", start);
        var nameOffset = reader.Position;
        var name = reader.ReadName();
        if (form < 2) return new ExternName(name) { Offset = nameOffset };

        var count = reader.ReadItemCount(1);
        var attributes = new NameAttribute[count];
        for (var i = 0; i < count; i++)
        {
            var kindOffset = reader.Position;
            var kind = reader.ReadByte();
            if (kind > 2) throw SortDecoder.LeadingByte(ref reader, kind, "name option", kindOffset);
            attributes[i] = new NameAttribute((NameAttributeKind)kind, reader.ReadName());
        }
        return new ExternName(name) { Attributes = attributes, Offset = nameOffset };
    }
}
