using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Heron.Binary;
using Heron.Compilation;
using Heron.Validation;

namespace Heron.Precompiled;

/// <summary>
/// Compiles a module into an assembly that can be saved and loaded by another process (a precompiled
/// module). Its code names Heron's runtime only through metadata (fields and helpers resolved when the
/// assembly is loaded, as any reference is) and takes everything that belongs to an engine or an
/// instance from the instance's context at run time (see <see cref="FunctionCompiler.Portable"/>): no
/// token, pointer or object of the compiling process is baked in. The assembly holds:
/// <list type="bullet">
/// <item><c>Heron.Precompiled.Functions</c>: one static method per defined function, as in memory;</item>
/// <item><c>Heron.Precompiled.Code</c>, a <see cref="PrecompiledCode"/> returning the manifest, the
/// original module's bytes (static data) and the functions' code pointers (<c>ldftn</c>, so no reflection
/// is needed to find them, which NativeAOT hosts cannot do);</item>
/// <item>the manifest again as <c>[AssemblyMetadata("Heron.Precompiled", ...)]</c>, read before loading.</item>
/// </list>
/// </summary>
internal static class ModulePrecompiler
{
    public const string FunctionsTypeName = "Heron.Precompiled.Functions";
    public const string CodeTypeName = "Heron.Precompiled.Code";

    private static readonly ConstructorInfo IgnoresAccessChecks = typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!;
    private static readonly ConstructorInfo AssemblyMetadata = typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!;
    private static readonly MethodInfo InitializeArray = typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.InitializeArray), [typeof(Array), typeof(RuntimeFieldHandle)])!;
    private const MethodAttributes Override = MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.Final;

    /// <summary>The assembly's name for a module: by its hash, so two different modules never share one.</summary>
    public static string AssemblyNameFor(PrecompiledManifest manifest) => "Heron.Precompiled.M" + manifest.ModuleHash[..16];

    /// <summary>
    /// Decodes, validates and compiles <paramref name="wasm"/> (a binary module); returns the assembly's
    /// bytes (CIL only). <paramref name="checkExports"/> sees the exports before anything is compiled
    /// (see <see cref="Module.FromBytesChecked"/>).
    /// </summary>
    public static byte[] Compile(Engine engine, byte[] wasm, Action<IReadOnlyList<ExportType>>? checkExports = null)
    {
        DynamicCode.EnsureSupported();
        var features = engine.Config.Features;
        var module = ModuleDecoder.Decode(wasm, features);
        ModuleValidator.Validate(module, features);
        checkExports?.Invoke(Module.BuildExports(module));
        CompilerSupport.EnsureSupported(module);
        var manifest = PrecompiledManifest.For(engine.Config, wasm);
        var name = AssemblyNameFor(manifest);
        var heron = typeof(Module).Assembly.GetName().Name!;
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly,
        [
            new CustomAttributeBuilder(IgnoresAccessChecks, [heron]),
            new CustomAttributeBuilder(AssemblyMetadata, [PrecompiledImage.ManifestKey, manifest.ToText()]),
        ]);
        var moduleBuilder = assembly.DefineDynamicModule(name);
        var functions = moduleBuilder.DefineType(FunctionsTypeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        var signatureIds = ModuleCompiler.RegisterSignatures(engine, module);
        var (builders, _) = ModuleCompiler.EmitFunctions(engine, module, functions, signatureIds, inMemory: false, portable: true, sites: null);
        functions.CreateType();

        var code = moduleBuilder.DefineType(CodeTypeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(PrecompiledCode));
        code.DefineDefaultConstructor(MethodAttributes.Public);
        DefineManifest(code, manifest.ToText());
        DefineModuleBytes(code, wasm);
        DefineCodePointers(code, builders);
        code.CreateType();

        using var stream = new MemoryStream();
        assembly.Save(stream);
        return stream.ToArray();
    }

    private static ILGenerator DefineOverride(TypeBuilder type, string name, Type returnType)
    {
        var method = type.DefineMethod(name, Override, returnType, Type.EmptyTypes);
        type.DefineMethodOverride(method, typeof(PrecompiledCode).GetMethod(name)!);
        return method.GetILGenerator();
    }

    private static void DefineManifest(TypeBuilder code, string manifest)
    {
        var il = DefineOverride(code, nameof(PrecompiledCode.GetManifest), typeof(string));
        il.Emit(OpCodes.Ldstr, manifest);
        il.Emit(OpCodes.Ret);
    }

    /// <summary>The module's bytes as static data copied into a new array, as C# compiles an array initialiser.</summary>
    private static void DefineModuleBytes(TypeBuilder code, byte[] wasm)
    {
        var data = code.DefineInitializedData("ModuleData", wasm, FieldAttributes.Private | FieldAttributes.Static);
        var il = DefineOverride(code, nameof(PrecompiledCode.GetModuleBytes), typeof(byte[]));
        il.Emit(OpCodes.Ldc_I4, wasm.Length);
        il.Emit(OpCodes.Newarr, typeof(byte));
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldtoken, data);
        il.Emit(OpCodes.Call, InitializeArray);
        il.Emit(OpCodes.Ret);
    }

    private static void DefineCodePointers(TypeBuilder code, MethodBuilder[] functions)
    {
        var il = DefineOverride(code, nameof(PrecompiledCode.GetCodePointers), typeof(nint[]));
        var writer = new CilWriter(il);
        writer.Int32(functions.Length);
        il.Emit(OpCodes.Newarr, typeof(nint));
        for (int j = 0; j < functions.Length; j++)
        {
            il.Emit(OpCodes.Dup);
            writer.Int32(j);
            il.Emit(OpCodes.Ldftn, functions[j]);
            il.Emit(OpCodes.Stelem_I);
        }
        il.Emit(OpCodes.Ret);
    }
}
