using System.Reflection;
using System.Reflection.Emit;
using Heron.Model;
using Heron.Validation;

namespace Heron.Compilation;

/// <summary>
/// Compiles a module for <see cref="CompileStrategy.Lazy"/>: no function body is compiled here. The
/// module gets a holder type with the static field that its code loads its <see cref="LazyFunctions"/>
/// from, and an entry stub for each function that can be called from outside the module's own code
/// (exported, in an element segment or a constant expression, or the start function): the stub has the
/// function's own signature, so imports, tables and the host call it as they would call compiled code,
/// and it jumps (a tail call) to the function's code, compiled on the first call.
/// </summary>
internal static class LazyModuleCompiler
{
    private const string LazyField = "Lazy";

    /// <summary>Prefix of stub names: not <see cref="ModuleCompiler.MethodPrefix"/>, so backtraces skip stubs.</summary>
    private const string StubPrefix = "s";

    public static CompiledModule Compile(Engine engine, WasmModule module, ValidationResult validation, int[] signatureIds, string assemblyName, string? name)
    {
        var assembly = DynamicAssemblies.DefineModule(assemblyName, engine.Config.TieredJit);
        var lazy = new LazyFunctions(engine, module, signatureIds, assembly, name ?? module.Names.ModuleName);
        var holder = assembly.DefineType("Functions", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
        var field = holder.DefineField(LazyField, typeof(LazyFunctions), FieldAttributes.Public | FieldAttributes.Static);
        lazy.Field = field;

        var imported = module.ImportedFunctionCount;
        var defined = module.FunctionTypeIndices.Length;
        var stubs = new List<(int Defined, string Name)>();
        for (int j = 0; j < defined; j++)
        {
            var index = imported + j;
            if (!validation.IsReferenced(index) && module.Start != index) continue;
            var stubName = StubPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            EmitStub(holder, field, module.Types[module.FunctionTypeIndices[j]].FunctionType, j, stubName);
            stubs.Add((j, stubName));
        }
        var created = holder.CreateType();
        created.GetField(LazyField)!.SetValue(null, lazy);
        // The stubs stay unjitted until called; their pointers lead to the runtime's precode meanwhile.
        var methods = new MethodInfo[defined];
        var pointers = new nint[defined];
        var byName = new Dictionary<string, MethodInfo>(stubs.Count);
        foreach (var method in created.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            byName[method.Name] = method;
        foreach (var (j, stubName) in stubs)
        {
            methods[j] = byName[stubName];
            pointers[j] = methods[j].MethodHandle.GetFunctionPointer();
        }
        return new CompiledModule(created, methods, pointers, signatureIds, name ?? module.Names.ModuleName) { Lazy = lazy };
    }

    /// <summary>A method with the function's signature that passes its arguments on to the function's code.</summary>
    private static void EmitStub(TypeBuilder holder, FieldInfo field, FunctionType type, int defined, string stubName)
    {
        var parameters = CilTypes.ParameterTypes(type);
        var returns = CilTypes.ReturnType(type);
        var stub = holder.DefineMethod(stubName, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig, returns, parameters);
        var il = new CilWriter(stub.GetILGenerator());
        for (int a = 0; a < parameters.Length; a++) il.LoadArg(a);
        LoadCode(il, field, defined);
        il.Emit(OpCodes.Tailcall);
        il.Calli(returns, parameters);
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Pushes the native code of defined function <paramref name="defined"/>, compiling it on its first call.</summary>
    public static void LoadCode(CilWriter il, FieldInfo field, int defined)
    {
        il.Emit(OpCodes.Ldsfld, field);
        il.Int32(defined);
        il.Call(Resolve);
    }

    private static readonly MethodInfo Resolve = typeof(LazyFunctions).GetMethod(nameof(LazyFunctions.Resolve))!;
}
