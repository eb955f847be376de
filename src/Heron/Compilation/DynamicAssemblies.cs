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

    /// <summary>
    /// A module in an assembly of its own: collectible (unloaded with its last user), or, when
    /// <paramref name="tiered"/>, never unloaded, because the runtime tiers no method of a collectible
    /// assembly (code versioning does not support them) and does tier those of any other.
    /// </summary>
    public static ModuleBuilder DefineModule(string assemblyName, bool tiered = false)
    {
        DynamicCode.EnsureSupported();
        var name = new AssemblyName(assemblyName);
        var access = tiered ? AssemblyBuilderAccess.Run : AssemblyBuilderAccess.RunAndCollect;
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, access,
            [new CustomAttributeBuilder(IgnoresAccessChecks, [typeof(DynamicAssemblies).Assembly.GetName().Name!])]);
        return assembly.DefineDynamicModule(assemblyName);
    }

    /// <summary>A new public static class in an assembly of its own (see <see cref="DefineModule"/>).</summary>
    public static TypeBuilder DefineType(string assemblyName, string typeName, bool tiered = false) =>
        DefineModule(assemblyName, tiered).DefineType(typeName,
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
}
