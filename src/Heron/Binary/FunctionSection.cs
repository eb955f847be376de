namespace Heron.Binary;

/// <summary>Section 3: the type index of each function the module defines.</summary>
internal static class FunctionSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(1);
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = reader.ReadIndex();
        module.FunctionTypeIndices = indices;
    }
}
