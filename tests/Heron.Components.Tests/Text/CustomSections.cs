namespace Heron.Components.Tests.Text;

/// <summary>Drops the custom sections (names) of a component, and of its nested components and core modules.</summary>
internal static class CustomSections
{
    public static byte[] Strip(byte[] bytes)
    {
        var output = new List<byte>(bytes[..8]);
        var isComponent = bytes[6] == 1;
        var position = 8;
        while (position < bytes.Length)
        {
            var id = bytes[position++];
            var size = (int)ReadU32(bytes, ref position);
            var body = bytes[position..(position + size)];
            position += size;
            if (id == 0) continue;
            if (isComponent && id is 1 or 4) body = Strip(body);
            output.Add(id);
            WriteU32(output, (uint)body.Length);
            output.AddRange(body);
        }
        return [.. output];
    }

    private static uint ReadU32(byte[] bytes, ref int position)
    {
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    private static void WriteU32(List<byte> output, uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            output.Add(b);
        }
        while (value != 0);
    }
}
