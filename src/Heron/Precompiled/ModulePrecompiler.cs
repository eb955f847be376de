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
    /// <paramref name="assemblyName"/>: the assembly's name (by default one made of the module's hash).
    public static byte[] Compile(Engine engine, byte[] wasm, Action<IReadOnlyList<ExportType>>? checkExports = null, string? assemblyName = null)
    {
        DynamicCode.EnsureSupported();
        var features = engine.Config.Features;
        var module = ModuleDecoder.Decode(wasm, features);
        ModuleValidator.Validate(module, features);
        checkExports?.Invoke(Module.BuildExports(module));
        CompilerSupport.EnsureSupported(module);
        var manifest = PrecompiledManifest.For(engine.Config, wasm);
        var name = assemblyName ?? AssemblyNameFor(manifest);
        var heron = typeof(Module).Assembly.GetName().Name!;
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly,
        [
            new CustomAttributeBuilder(IgnoresAccessChecks, [heron]),
            new CustomAttributeBuilder(AssemblyMetadata, [PrecompiledImage.ManifestKey, manifest.ToText()]),
        ]);
        var moduleBuilder = assembly.DefineDynamicModule(name);
        var functions = moduleBuilder.DefineType(FunctionsTypeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        var signatureIds = ModuleCompiler.RegisterSignatures(engine, module);
        var (builders, _, _, _) = ModuleCompiler.EmitFunctions(engine, module, functions, signatureIds, inMemory: false, portable: true, sites: null);
        functions.CreateType();

        var code = moduleBuilder.DefineType(CodeTypeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(PrecompiledCode));
        code.DefineDefaultConstructor(MethodAttributes.Public);
        DefineManifest(code, manifest.ToText());
        DefineModuleBytes(code, wasm);
        DefineCodePointers(code, builders);
        DefineStubs(moduleBuilder, code, module);
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

    private static void DefineCodePointers(TypeBuilder code, MethodBuilder[] functions) =>
        DefineArray(code, nameof(PrecompiledCode.GetCodePointers), typeof(nint), functions.Length, (il, j) => il.Emit(OpCodes.Ldftn, functions[j]));

    /// <summary>
    /// The glue the engine would otherwise generate when the module is used (see <see cref="StubFactory"/>):
    /// an invoker for the type of each exported function and of the start function, and host stubs for
    /// the <c>Func</c>/<c>Action</c> delegate types that can implement each imported function, with and
    /// without a <see cref="Caller"/>. With them a process without dynamic code runs the module.
    /// </summary>
    private static void DefineStubs(System.Reflection.Emit.ModuleBuilder moduleBuilder, TypeBuilder code, Model.WasmModule module)
    {
        var stubs = moduleBuilder.DefineType("Heron.Precompiled.Stubs", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        var invokerTypes = new SortedSet<int>();
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function) invokerTypes.Add(module.FunctionTypeIndex(export.Index));
        if (module.Start is { } start) invokerTypes.Add(module.FunctionTypeIndex(start));
        var invokers = new List<(int TypeIndex, MethodBuilder Method)>();
        foreach (var typeIndex in invokerTypes)
        {
            var method = stubs.DefineMethod("i" + typeIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MethodAttributes.Public | MethodAttributes.Static, typeof(void), StubFactory.InvokerParameters);
            StubFactory.EmitInvoker(new CilWriter(method.GetILGenerator()), module.Types[typeIndex].FunctionType);
            invokers.Add((typeIndex, method));
        }
        var hostStubs = new List<(Type DelegateType, MethodBuilder Method)>();
        var seen = new HashSet<Type>();
        foreach (var import in module.Imports)
        {
            if (import.Kind != ExternKind.Function) continue;
            var type = module.Types[import.TypeIndex].FunctionType;
            foreach (var takesCaller in new[] { true, false })
            {
                if (HostDelegates.For(type, takesCaller) is not { } delegateType || !seen.Add(delegateType)) continue;
                var method = stubs.DefineMethod("h" + hostStubs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    MethodAttributes.Public | MethodAttributes.Static, CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
                StubFactory.EmitTypedHostStub(new CilWriter(method.GetILGenerator()), delegateType, type);
                hostStubs.Add((delegateType, method));
            }
        }
        stubs.CreateType();
        DefineArray(code, nameof(PrecompiledCode.GetInvokerTypeIndices), typeof(int), invokers.Count, (il, i) => new CilWriter(il).Int32(invokers[i].TypeIndex));
        DefineArray(code, nameof(PrecompiledCode.GetInvokers), typeof(nint), invokers.Count, (il, i) => il.Emit(OpCodes.Ldftn, invokers[i].Method));
        DefineArray(code, nameof(PrecompiledCode.GetHostStubDelegateTypes), typeof(Type), hostStubs.Count, (il, i) =>
        {
            il.Emit(OpCodes.Ldtoken, hostStubs[i].DelegateType);
            il.Emit(OpCodes.Call, GetTypeFromHandle);
        });
        DefineArray(code, nameof(PrecompiledCode.GetHostStubs), typeof(nint), hostStubs.Count, (il, i) => il.Emit(OpCodes.Ldftn, hostStubs[i].Method));
    }

    private static readonly MethodInfo GetTypeFromHandle = typeof(Type).GetMethod(nameof(Type.GetTypeFromHandle))!;

    /// <summary>An override returning a new array of <paramref name="count"/> elements, each pushed by <paramref name="element"/>.</summary>
    private static void DefineArray(TypeBuilder code, string name, Type elementType, int count, Action<ILGenerator, int> element)
    {
        var il = DefineOverride(code, name, elementType.MakeArrayType());
        var writer = new CilWriter(il);
        writer.Int32(count);
        il.Emit(OpCodes.Newarr, elementType);
        for (int i = 0; i < count; i++)
        {
            il.Emit(OpCodes.Dup);
            writer.Int32(i);
            element(il, i);
            if (elementType == typeof(nint)) il.Emit(OpCodes.Stelem_I);
            else if (elementType == typeof(int)) il.Emit(OpCodes.Stelem_I4);
            else il.Emit(OpCodes.Stelem_Ref);
        }
        il.Emit(OpCodes.Ret);
    }
}
