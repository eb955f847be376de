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
        DynamicCode.EnsureSupported();
        var name = new AssemblyName(assemblyName);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect,
            [new CustomAttributeBuilder(IgnoresAccessChecks, [typeof(DynamicAssemblies).Assembly.GetName().Name!])]);
        return assembly.DefineDynamicModule(assemblyName);
    }

    /// <summary>A new public static class in an assembly of its own.</summary>
    public static TypeBuilder DefineType(string assemblyName, string typeName) =>
        DefineModule(assemblyName).DefineType(typeName,
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);

    /// <summary>
    /// A new public static class in a <see cref="PersistedAssemblyBuilder"/>: saved and loaded into a
    /// load context of its own by <see cref="Load"/>, so its methods are tiered like any loaded code.
    /// The context is *not* collectible: the runtime tiers no method of a collectible assembly (code
    /// versioning does not support them), so this code is never unloaded.
    /// </summary>
    public static (PersistedAssemblyBuilder Assembly, TypeBuilder Type) DefinePersistedType(string assemblyName, string typeName)
    {
        DynamicCode.EnsureSupported();
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(assemblyName), typeof(object).Assembly,
            [new CustomAttributeBuilder(IgnoresAccessChecks, [typeof(DynamicAssemblies).Assembly.GetName().Name!])]);
        var type = assembly.DefineDynamicModule(assemblyName).DefineType(typeName,
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        return (assembly, type);
    }

    /// <summary>Saves <paramref name="assembly"/> and loads it into a (non-collectible) context of its own; returns the loaded type.</summary>
    public static Type Load(PersistedAssemblyBuilder assembly, string typeName)
    {
        using var stream = new MemoryStream();
        assembly.Save(stream);
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext(typeName, isCollectible: false);
        return context.LoadFromStream(stream).GetType(typeName, throwOnError: true)!;
    }
}
