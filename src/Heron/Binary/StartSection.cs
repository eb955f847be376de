namespace Heron.Binary;

/// <summary>Section 8: the start function's index.</summary>
internal static class StartSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module) => module.Start = reader.ReadIndex();
}
