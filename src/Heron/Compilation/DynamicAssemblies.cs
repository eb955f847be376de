using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Heron.Compilation;

/// <summary>
/// Creates the collectible assemblies generated code lives in, each marked so that its code may use
/// Heron's internal runtime types (see <see cref="IgnoresAccessChecksToAttribute"/>).
/// </summary>
internal static class DynamicAssemblies
{
    private static readonly ConstructorInfo IgnoresAccessChecks =
        typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;

    public static ModuleBuilder DefineModule(string assemblyName)
    {
        var name = new AssemblyName(assemblyName);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect,
            [new CustomAttributeBuilder(IgnoresAccessChecks, [typeof(DynamicAssemblies).Assembly.GetName().Name!])]);
        return assembly.DefineDynamicModule(assemblyName);
    }

    /// <summary>A new public static class in an assembly of its own.</summary>
    public static TypeBuilder DefineType(string assemblyName, string typeName) =>
        DefineModule(assemblyName).DefineType(typeName,
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
}
