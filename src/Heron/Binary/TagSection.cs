namespace Heron.Binary;

/// <summary>Section 13 (exception handling): the function type index of each tag the module defines.</summary>
internal static class TagSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(1);
        var tags = new int[count];
        for (int i = 0; i < count; i++) tags[i] = TypeReader.ReadTagType(ref reader);
        module.Tags = tags;
    }
}
