using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Heron.Compilation;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// The dynamic module compiled canonical-ABI stubs live in. One per process: a stub depends only on a
/// signature's shape (never on an engine, a store or an instance, which it reads from its target object),
/// so stubs are shared by every engine. Its code may use the internals of Heron and Heron.Components.
/// </summary>
internal static class StubModule
{
    private static readonly Lock Gate = new();
    private static ModuleBuilder? _module;
    private static int _count;

    /// <summary>Runs <paramref name="build"/> on a new public static class and returns the finished type.</summary>
    public static Type Build(string name, Action<TypeBuilder> build)
    {
        lock (Gate)
        {
            _module ??= DefineModule();
            var type = _module.DefineType($"Heron.Components.Stubs.{name}{++_count}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
            build(type);
            return type.CreateType();
        }
    }

    /// <summary>A public static method on <paramref name="type"/>, with its IL written through a <see cref="CilWriter"/>.</summary>
    public static (MethodBuilder Method, CilWriter Il) DefineMethod(TypeBuilder type, string name, Type returnType, Type[] parameters)
    {
        var method = type.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static, returnType, parameters);
        return (method, new CilWriter(method.GetILGenerator()));
    }

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException($"{type}.{name} not found");

    private static ModuleBuilder DefineModule()
    {
        DynamicCode.EnsureSupported();
        var ignoresAccessChecks = typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;
        var name = new AssemblyName("Heron.Components.Stubs");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.Run,
        [
            new CustomAttributeBuilder(ignoresAccessChecks, [typeof(Engine).Assembly.GetName().Name!]),
            new CustomAttributeBuilder(ignoresAccessChecks, [typeof(StubModule).Assembly.GetName().Name!]),
        ]);
        return assembly.DefineDynamicModule(name.Name!);
    }
}
