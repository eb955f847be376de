using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// The functions of a module compiled lazily (<see cref="CompileStrategy.Lazy"/>): a table of code
/// pointers, one per defined function, zero until the function is first called. Compiled code reaches
/// this object through a static field of the module's holder type (see <see cref="LazyModuleCompiler"/>)
/// and calls <see cref="Resolve"/> for the callee's code before every call to a function of its module.
/// A function is compiled once, into a type of its own in the module's collectible assembly, by the first
/// thread that calls it; the others wait for it and find its code in the table.
/// </summary>
internal sealed class LazyFunctions
{
    private readonly Engine engine;
    private readonly WasmModule module;
    private readonly int[] signatureIds;
    private readonly ModuleBuilder assembly;
    private readonly string? name;
    private readonly Lock gate = new();
    private readonly CodeOffsetMap offsets;

    /// <summary>Native code of each defined function once compiled; zero before.</summary>
    private readonly nint[] code;

    private int compiledCount;

    public LazyFunctions(Engine engine, WasmModule module, int[] signatureIds, ModuleBuilder assembly, string? name)
    {
        this.engine = engine;
        this.module = module;
        this.signatureIds = signatureIds;
        this.assembly = assembly;
        this.name = name;
        code = new nint[module.FunctionTypeIndices.Length];
        offsets = new CodeOffsetMap(code.Length);
    }

    /// <summary>The static field generated code loads this object from (set by <see cref="LazyModuleCompiler"/>).</summary>
    public FieldInfo Field { get; set; } = null!;

    /// <summary>How many of the module's functions have been compiled so far.</summary>
    public int CompiledCount => Volatile.Read(ref compiledCount);

    /// <summary>Whether the defined function <paramref name="defined"/> (0 = the first function after the imports) was compiled.</summary>
    public bool IsCompiled(int defined) => Volatile.Read(ref code[defined]) != 0;

    /// <summary>The native code of defined function <paramref name="defined"/>, compiled now if this is its first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public nint Resolve(int defined)
    {
        var entry = code[defined];
        return entry != 0 ? entry : Compile(defined);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private nint Compile(int defined)
    {
        lock (gate)
        {
            var entry = code[defined];
            if (entry != 0) return entry;
            var index = module.ImportedFunctionCount + defined;
            var type = module.Types[module.FunctionTypeIndices[defined]].FunctionType;
            var methodName = ModuleCompiler.MethodPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var holder = assembly.DefineType("F" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract | TypeAttributes.Class);
            var method = holder.DefineMethod(methodName, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
                CilTypes.ReturnType(type), CilTypes.ParameterTypes(type));
            var recorder = new CodeOffsetRecorder();
            var data = new StaticData(holder);
            var compiler = new FunctionCompiler(module, [], signatureIds, index, new CilWriter(method.GetILGenerator()))
            {
                Lazy = this,
                Offsets = recorder,
                Data = data,
                Split = FunctionSplitter.For(engine.Config, module, index),
                RegionHost = new RegionMethods(holder, data.Gate, offsets, module.ImportedFunctionCount),
                RecogniseByteLoops = engine.Config.RecogniseByteLoops,
            };
            compiler.Interrupts = InterruptEmitter.For(engine.Config, compiler);
            compiler.Compile();
            var created = holder.CreateType();
            offsets.Set(defined, recorder.ToArray());
            BacktraceBuilder.Register(created, module, name, offsets);
            entry = created.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();
            engine.CountCompiled(1);
            Interlocked.Increment(ref compiledCount);
            // Published last: a thread that reads a non-zero entry without the lock finds the code ready.
            Volatile.Write(ref code[defined], entry);
            return entry;
        }
    }
}
