using System.Text;
using Heron.Text;

namespace Heron.Cli;

/// <summary>Reads a module file as the binary format, parsing it first when it is text.</summary>
internal static class ModuleFile
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6D];

    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    public static byte[] ReadBinary(string path) => ToBinary(File.ReadAllBytes(path));

    /// <summary>A file's bytes as the binary format: as they are, or parsed from text.</summary>
    public static byte[] ToBinary(byte[] bytes) =>
        IsBinary(bytes) ? bytes : WatParser.ParseModule(Encoding.UTF8.GetString(bytes), 1, 1, emitNames: true);
}
