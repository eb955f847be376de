using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// The <c>name</c> custom section: module name (subsection 0), function names (1) and local names (2).
/// Names are debugging aids, so a malformed name section is ignored as a whole, as engines do, rather
/// than failing the module; other subsections are skipped.
/// </summary>
internal static class NameSectionReader
{
    public static NameSection? TryRead(byte[] bytes, ByteRange contents)
    {
        try
        {
            return Read(bytes, contents);
        }
        catch (DecodeException)
        {
            return null;
        }
    }

    private static NameSection Read(byte[] bytes, ByteRange contents)
    {
        var names = new NameSection();
        var reader = new WasmReader(bytes, contents.Start, contents.End);
        while (!reader.AtEnd)
        {
            var id = reader.ReadByte();
            var size = reader.ReadU32();
            if (size > (uint)reader.Remaining) throw reader.Error("unexpected end");
            var end = reader.Position + (int)size;
            var sub = new WasmReader(bytes, reader.Position, end);
            switch (id)
            {
                case 0:
                    names.ModuleName = sub.ReadName();
                    break;
                case 1:
                    ReadNameMap(ref sub, names.FunctionNames);
                    break;
                case 2:
                {
                    var count = sub.ReadVectorLength(2);
                    for (int i = 0; i < count; i++)
                    {
                        var function = sub.ReadIndex();
                        if (!names.LocalNames.TryGetValue(function, out var locals))
                            names.LocalNames[function] = locals = new Dictionary<int, string>();
                        ReadNameMap(ref sub, locals);
                    }
                    break;
                }
                default:
                    sub.Position = end;
                    break;
            }
            if (sub.Position != end) throw reader.Error("section size mismatch", sub.Position);
            reader.Position = end;
        }
        return names;
    }

    private static void ReadNameMap(ref WasmReader reader, Dictionary<int, string> map)
    {
        var count = reader.ReadVectorLength(2);
        for (int i = 0; i < count; i++)
        {
            var index = reader.ReadIndex();
            map[index] = reader.ReadName();
        }
    }
}
