using Heron.Model;

namespace Heron.Binary;

/// <summary>Section 6: globals, each a global type and an initialising constant expression.</summary>
internal static class GlobalSection
{
    public static void Read(ref WasmReader reader, ModuleBuilder module)
    {
        var count = reader.ReadItemCount(1);
        var globals = new GlobalDefinition[count];
        for (int i = 0; i < count; i++)
        {
            var type = TypeReader.ReadGlobalType(ref reader, module.Features);
            globals[i] = new GlobalDefinition(type, ConstantExpression.Read(ref reader, module.Features));
        }
        module.Globals = globals;
    }
}
