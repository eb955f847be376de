using System.Reflection;
using System.Reflection.Emit;
using Heron.Model;
using Heron.Validation;

namespace Heron.Compilation;

/// <summary>
/// Compiles a validated module into one generated type of a collectible in-memory assembly, with one
/// static method per defined function (named <c>f{index}</c> so traps can be mapped back to functions).
/// A collectible assembly is unloaded with its last <see cref="Module"/>, and its methods can call each
/// other with plain <c>call</c>s, which <c>DynamicMethod</c>s cannot do as cheaply.
/// </summary>
internal static class ModuleCompiler
{
    private static int counter;

    public const string MethodPrefix = "f";

    /// <summary>
    /// Modules with this many bytes of function code or more have their bodies compiled on all cores;
    /// smaller ones (most of the spec suite's) on the calling thread, where starting workers costs more.
    /// </summary>
    private const int ParallelCode = 64 * 1024;

    /// <summary>
    /// With <see cref="EngineConfig.TieredJit"/>, functions with more CIL than this are not tiered: the JIT
    /// compiles a method of more than 20,000 CIL instructions (about this many bytes of Heron's CIL) without
    /// optimisation whatever tier asks, so tiering it only adds patchpoints to its loops and a second,
    /// equally unoptimised compile of a huge method (sqlite3's interpreter loop). Marked
    /// <see cref="MethodImplAttributes.AggressiveOptimization"/>, it is compiled once (measured: sqlite3 and
    /// hashset whole process 0.95x and 0.97x).
    /// </summary>
    private const int UnoptimisableCil = 40_000;

    /// <summary>Functions with more CIL than this are never inlined (see <see cref="Compile"/>).</summary>
    private const int MaxInlinedCil = 32;

    public static CompiledModule Compile(Engine engine, WasmModule module, ValidationResult validation, string? name)
    {
        DynamicCode.EnsureSupported();
        var signatureIds = RegisterSignatures(engine, module);
        if (CompilePlan.IsLazy(engine.Config, module))
            return LazyModuleCompiler.Compile(engine, module, validation, signatureIds, $"Heron.Generated.Module{Interlocked.Increment(ref counter)}", name);
        var typeBuilder = NewModuleType(engine.Config.TieredJit);
        var sites = engine.Config.CompileAhead ? new CallSites[module.FunctionTypeIndices.Length] : null;
        var (builders, ilSizes, offsets, regions) = EmitFunctions(engine, module, typeBuilder, signatureIds, inMemory: true, portable: false, sites);
        var defined = builders.Length;
        var generated = typeBuilder.CreateType();
        var byName = new Dictionary<string, MethodInfo>(defined);
        foreach (var method in generated.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            byName[method.Name] = method;
        var methods = new MethodInfo[defined];
        var pointers = new nint[defined];
        for (int j = 0; j < defined; j++)
        {
            methods[j] = byName[builders[j].Name];
            pointers[j] = methods[j].MethodHandle.GetFunctionPointer();
        }
        if (sites is not null)
        {
            var outlined = regions.Resolve(generated);
            var (all, sizes) = outlined.Length == 0 ? (methods, ilSizes) : WithRegions(methods, ilSizes, outlined);
            if (engine.Config.CompileInBackground)
            {
                // Regions after all functions: a region is called only once its function runs.
                var order = AheadJit.CallOrder(module, sites, ilSizes);
                AheadJit.Start(all, outlined.Length == 0 ? order : [.. order, .. Enumerable.Range(defined, outlined.Length)]);
            }
            else
            {
                var reachable = Reachability.Of(module, validation, sites);
                if (outlined.Length > 0)
                {
                    // A region is compiled ahead when its function is.
                    var chosen = new bool[all.Length];
                    reachable.CopyTo(chosen, 0);
                    for (int r = 0; r < outlined.Length; r++) chosen[defined + r] = reachable[outlined[r].Defined];
                    reachable = chosen;
                }
                AheadJit.Compile(all, sizes, reachable);
                if (HasFinalCodeAhead(engine.Config)) RefreshCodePointers(methods, pointers, reachable);
            }
        }
        var compiled = new CompiledModule(generated, methods, pointers, signatureIds, name ?? module.Names.ModuleName);
        BacktraceBuilder.Register(generated, module, compiled.Name, offsets);
        return compiled;
    }

    /// <summary>
    /// Whether an in-memory module compiled under <paramref name="config"/> has every reachable function's final
    /// code before it is returned: JIT-compiled ahead, on this call, and never tiered. Then its code pointers are
    /// that code (<see cref="RefreshCodePointers"/>), and its functions call themselves through them
    /// (<see cref="FunctionCompiler.SelfCallsThroughCode"/>).
    /// </summary>
    private static bool HasFinalCodeAhead(EngineConfig config) =>
        config.CompileAhead && !config.CompileInBackground && !config.TieredJit;

    /// <summary>
    /// Before a method is compiled, its function pointer is its precode stub, which jumps to the code once
    /// there is some; what funcrefs, tables and host calls hold would go through that jump at every call.
    /// Once the methods compiled ahead have code that never changes, their pointers are the code itself.
    /// </summary>
    private static void RefreshCodePointers(MethodInfo[] methods, nint[] pointers, bool[] compiled)
    {
        for (int j = 0; j < methods.Length; j++)
            if (compiled[j]) pointers[j] = methods[j].MethodHandle.GetFunctionPointer();
    }

    /// <summary>The functions' methods and CIL sizes followed by those of the outlined regions.</summary>
    private static (MethodInfo[] Methods, int[] IlSizes) WithRegions(MethodInfo[] methods, int[] ilSizes, OutlinedRegion[] outlined)
    {
        var all = new MethodInfo[methods.Length + outlined.Length];
        var sizes = new int[all.Length];
        methods.CopyTo(all, 0);
        ilSizes.CopyTo(sizes, 0);
        for (int r = 0; r < outlined.Length; r++)
        {
            all[methods.Length + r] = outlined[r].Method;
            sizes[methods.Length + r] = outlined[r].IlSize;
        }
        return (all, sizes);
    }

    /// <summary>
    /// Defines and compiles every defined function of <paramref name="module"/> as a static method of
    /// <paramref name="typeBuilder"/>; returns the methods and their CIL sizes. An in-memory type
    /// (<paramref name="inMemory"/>) is compiled on all cores with cached tokens; a persisted one (not
    /// thread-safe) on this thread. <paramref name="portable"/>: the code may run in another process.
    /// </summary>
    internal static (MethodBuilder[] Builders, int[] IlSizes, CodeOffsetMap Offsets, RegionMethods Regions) EmitFunctions(Engine engine, WasmModule module, TypeBuilder typeBuilder,
        int[] signatureIds, bool inMemory, bool portable, CallSites[]? sites)
    {
        var builders = DefineMethods(engine, module, typeBuilder);
        var defined = builders.Length;
        var ilSizes = new int[defined];
        var offsets = new CodeOffsetMap(defined);
        var moduleBuilder = inMemory ? (ModuleBuilder)typeBuilder.Module : null;
        var data = new StaticData(typeBuilder);
        var regions = new RegionMethods(typeBuilder, data.Gate, offsets, module.ImportedFunctionCount);
        var tokens = new ThreadLocal<TokenCache?>(() => moduleBuilder is null ? null : new TokenCache(moduleBuilder));
        var order = new int[defined];
        var totalCode = 0;
        for (int j = 0; j < defined; j++)
        {
            order[j] = j;
            totalCode += module.Bodies[j].Code.Length;
        }
        Array.Sort(order, (a, b) => module.Bodies[b].Code.Length.CompareTo(module.Bodies[a].Code.Length));
        var plans = new Dictionary<int, SplitRegion>?[defined];
        for (int j = 0; j < defined; j++)
        {
            plans[j] = FunctionSplitter.For(engine.Config, module, module.ImportedFunctionCount + j);
            regions.DefineAll(module, module.ImportedFunctionCount + j, plans[j]);
        }
        var parallel = inMemory && totalCode >= ParallelCode;
        var selfCallsThroughCode = inMemory && !portable && HasFinalCodeAhead(engine.Config);
        // Regions of split functions are emitted by whichever core is free (only in memory: a persisted
        // assembly is built on one thread).
        var deferred = parallel ? new DeferredWork(tokens) : null;
        void EmitFunction(int j)
        {
            var generator = builders[j].GetILGenerator();
            var recorder = new CodeOffsetRecorder();
            var index = module.ImportedFunctionCount + j;
            var compiler = new FunctionCompiler(module, builders, signatureIds, index, new CilWriter(generator, tokens: tokens.Value))
            {
                Portable = portable,
                SelfCallsThroughCode = selfCallsThroughCode,
                Offsets = recorder,
                Data = data,
                Split = plans[j],
                RegionHost = regions,
                Deferred = deferred,
                RecogniseByteLoops = engine.Config.RecogniseByteLoops,
            };
            compiler.Interrupts = InterruptEmitter.For(engine.Config, compiler);
            if (sites is not null) compiler.Sites = sites[j] = new CallSites();
            compiler.Compile();
            ilSizes[j] = generator.ILOffset;
            offsets.Set(j, recorder.ToArray());
        }
        AllCores.Run(order, parallel, EmitFunction, deferred);
        deferred?.MergeSites();
        tokens.Dispose();
        engine.CountCompiled(defined);

        // Only small functions are offered to the JIT's inliner: it weighs every call to a larger one
        // and inlines some, compiling their bodies again in each caller. Measured: the JIT's time on
        // regex and intgemm-simd -10 to -20%, run times unchanged (a leaf like ctype's stays inlined).
        // Tiered code: see UnoptimisableCil. Not in portable code: crossgen2 leaves AggressiveOptimization
        // methods out of a precompiled module's ReadyToRun code, which would make them JIT-compiled at load.
        var compileOnce = engine.Config.TieredJit && !portable;
        for (int j = 0; j < defined; j++)
        {
            var flags = builders[j].MethodImplementationFlags;
            if (engine.Config.InlineFunctions && ilSizes[j] > MaxInlinedCil) flags |= MethodImplAttributes.NoInlining;
            if (compileOnce && ilSizes[j] > UnoptimisableCil) flags |= MethodImplAttributes.AggressiveOptimization;
            if (flags != builders[j].MethodImplementationFlags) builders[j].SetImplementationFlags(flags);
        }
        return (builders, ilSizes, offsets, regions);
    }

    /// <summary>
    /// Compiles one defined function as <see cref="Compile"/> would and returns the CIL as it was emitted
    /// (<c>heron inspect --il</c>); the generated type is never created, so nothing is loaded or run.
    /// </summary>
    public static CilListing List(Engine engine, WasmModule module, int functionIndex)
    {
        var listing = new CilListing();
        listing.Bytes = CompileAlone(engine, module, functionIndex, listing, sites: null);
        return listing;
    }

    /// <summary>What compiling one defined function records of the call graph (as <see cref="Compile"/> does when compiling ahead).</summary>
    public static CallSites CallsOf(Engine engine, WasmModule module, int functionIndex)
    {
        var sites = new CallSites();
        CompileAlone(engine, module, functionIndex, listing: null, sites);
        return sites;
    }

    /// <summary>Compiles one defined function into a type that is never created; returns its CIL size.</summary>
    private static int CompileAlone(Engine engine, WasmModule module, int functionIndex, CilListing? listing, CallSites? sites)
    {
        if (functionIndex < module.ImportedFunctionCount || functionIndex >= module.FunctionCount)
            throw new ArgumentOutOfRangeException(nameof(functionIndex), $"function {functionIndex} is not defined by the module");
        var signatureIds = RegisterSignatures(engine, module);
        var type = NewModuleType();
        var builders = DefineMethods(engine, module, type);
        var generator = builders[functionIndex - module.ImportedFunctionCount].GetILGenerator();
        new FunctionCompiler(module, builders, signatureIds, functionIndex, new CilWriter(generator, listing))
        {
            Sites = sites,
            Data = new StaticData(type),
            RecogniseByteLoops = engine.Config.RecogniseByteLoops,
        }.Compile();
        return generator.ILOffset;
    }

    internal static int[] RegisterSignatures(Engine engine, WasmModule module)
    {
        return engine.Signatures.Register(module.Types);
    }

    private static TypeBuilder NewModuleType(bool tiered = false)
    {
        var number = Interlocked.Increment(ref counter);
        return DynamicAssemblies.DefineType($"Heron.Generated.Module{number}", $"WasmModule{number}", tiered);
    }

    private static MethodBuilder[] DefineMethods(Engine engine, WasmModule module, TypeBuilder typeBuilder)
    {
        var defined = module.FunctionTypeIndices.Length;
        var builders = new MethodBuilder[defined];
        for (int j = 0; j < defined; j++)
        {
            var type = module.Types[module.FunctionTypeIndices[j]].FunctionType;
            builders[j] = typeBuilder.DefineMethod(
                MethodPrefix + (module.ImportedFunctionCount + j).ToString(System.Globalization.CultureInfo.InvariantCulture),
                MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig,
                CilTypes.ReturnType(type),
                CilTypes.ParameterTypes(type));
            if (!engine.Config.InlineFunctions) builders[j].SetImplementationFlags(MethodImplAttributes.NoInlining);
        }
        return builders;
    }
}
