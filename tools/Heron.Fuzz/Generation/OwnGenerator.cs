namespace Heron.Fuzz.Generation;

internal static class OwnGenerator
{
    public static byte[] Generate(int seed) => Heron.Text.WatParser.ParseModule("(module (func (export \"f\") (result i32) i32.const " + seed + "))");
}
