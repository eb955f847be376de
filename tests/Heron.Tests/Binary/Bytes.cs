namespace Heron.Tests.Binary;

/// <summary>Builds small binary modules for decoder tests: the header, then sections from their contents.</summary>
internal static class Bytes
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A module made of the header and the given raw bytes.</summary>
    public static byte[] Module(params byte[][] parts)
    {
        var all = new List<byte>(Header);
        foreach (var part in parts) all.AddRange(part);
        return all.ToArray();
    }

    /// <summary>A section with its id and a one-byte size (contents shorter than 128 bytes).</summary>
    public static byte[] Section(byte id, params byte[] contents)
    {
        if (contents.Length >= 128) throw new ArgumentException("use a longer size encoding");
        return [id, (byte)contents.Length, .. contents];
    }

    /// <summary>A type section with the single type <c>(func)</c>.</summary>
    public static byte[] OneEmptyFuncType => Section(1, 0x01, 0x60, 0x00, 0x00);
}
