namespace Heron.Binary;

/// <summary>Section 12 (bulk memory): the number of data segments, announced before the code section.</summary>
internal static class DataCountSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module) => module.DataCount = reader.ReadIndex();
}
