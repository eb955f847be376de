namespace Heron.Binary;

/// <summary>Section 5: memories (how many are allowed is a validation rule, not a decoding one).</summary>
internal static class MemorySection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(2);
        var memories = new MemoryType[count];
        for (int i = 0; i < count; i++) memories[i] = TypeReader.ReadMemoryType(ref reader, module.Features);
        module.Memories = memories;
    }
}
