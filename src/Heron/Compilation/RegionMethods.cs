using System.Reflection;
using System.Reflection.Emit;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Defines the methods of outlined regions (see <see cref="FunctionSplitter"/>) in a module's generated
/// type and remembers them, so that they can be JIT-compiled ahead with the functions and their code
/// offsets mapped in backtraces. Functions are compiled on several threads into one type: definitions
/// take the lock that also guards the type's data fields.
/// </summary>
internal sealed class RegionMethods(TypeBuilder type, Lock gate, CodeOffsetMap? offsets, int importedFunctions)
{
    // Both made on first use (under the lock). Neither is keyed by nor holds a tuple: such framework generic
    // code is left out of ReadyToRun images and was JIT-compiled at the start of every split module's compile.
    private List<OutlinedRegion>? compiled;

    /// <summary>The name of region <paramref name="region"/> of function <paramref name="functionIndex"/>: <c>f12r3</c>.</summary>
    public static string NameOf(int functionIndex, int region) =>
        ModuleCompiler.MethodPrefix + functionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + RegionMarker + region.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What separates the function index from the region number in a region method's name.</summary>
    public const char RegionMarker = 'r';

    /// <summary>The methods defined so far, by function index and then region number.</summary>
    private MethodBuilder?[]?[]? defined;

    /// <summary>Bytes per local in a parent's scratch buffer (a v128 is the largest number).</summary>
    public const int ScratchSlot = 16;

    /// <summary>
    /// The numbers <paramref name="region"/> writes, ascending: each comes back through the parent's scratch
    /// buffer, local k of this list in slot k (references come back through their own references).
    /// </summary>
    public static int[] ScratchLocals(ValueType[] localTypes, SplitRegion region)
    {
        var slots = new List<int>();
        foreach (var local in region.Locals)
            if (region.Written.Contains(local) && CilTypes.Of(localTypes[local]).IsValueType) slots.Add(local);
        return [.. slots];
    }

    /// <summary>
    /// Defines the methods of <paramref name="plan"/>'s regions before any body is emitted. Reflection.Emit
    /// takes a type's lock and then its module's to define a method, and the two in the other order to emit a
    /// call of a method being built: defining methods while other threads emit calls deadlocks.
    /// </summary>
    public void DefineAll(WasmModule module, int functionIndex, Dictionary<int, SplitRegion>? plan)
    {
        if (plan is null) return;
        foreach (var region in plan.Values) Define(module, functionIndex, region);
    }

    /// <summary>The method of <paramref name="region"/>: the numbers it uses by value, references by reference,
    /// the parent's scratch buffer if it writes numbers, references to the results if it returns, the context.</summary>
    public MethodBuilder Define(WasmModule module, int functionIndex, SplitRegion region)
    {
        lock (gate)
        {
            defined ??= new MethodBuilder?[]?[module.FunctionCount];
            var ofFunction = defined[functionIndex] = ArrayGrowth.ToHold(defined[functionIndex] ?? [], region.Number);
            if (ofFunction[region.Number] is { } existing) return existing;
            var function = module.FunctionTypeOf(functionIndex);
            var localTypes = module.LocalTypesOf(functionIndex);
            var parameters = new List<Type>();
            foreach (var local in region.Locals)
            {
                var clr = CilTypes.Of(localTypes[local]);
                parameters.Add(clr.IsValueType ? clr : clr.MakeByRefType());
            }
            if (ScratchLocals(localTypes, region).Length > 0) parameters.Add(typeof(nint));
            if (region.Returns)
                foreach (var result in function.Results) parameters.Add(CilTypes.Of(result).MakeByRefType());
            parameters.Add(typeof(Runtime.InstanceContext));
            var method = type.DefineMethod(NameOf(functionIndex, region.Number),
                MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig, typeof(int), [.. parameters]);
            // Never inlined into the parent: the point of the region is a method the JIT optimises on its own,
            // and a backtrace finds the trapping instruction through the region's own frame.
            method.SetImplementationFlags(MethodImplAttributes.NoInlining);
            ofFunction[region.Number] = method;
            return method;
        }
    }

    /// <summary>Region <paramref name="region"/> of function <paramref name="functionIndex"/> was compiled.</summary>
    public void Compiled(int functionIndex, int region, MethodBuilder method, int ilSize, byte[]? packedOffsets)
    {
        var defined = functionIndex - importedFunctions;
        if (packedOffsets is not null) offsets?.SetRegion(defined, region, packedOffsets);
        lock (gate) (compiled ??= new()).Add(new OutlinedRegion(method, defined, ilSize));
    }

    /// <summary>The region methods of <paramref name="generated"/> (the type once created) with their functions and sizes.</summary>
    public OutlinedRegion[] Resolve(Type generated)
    {
        OutlinedRegion[] all;
        lock (gate)
        {
            if (compiled is null) return [];
            all = compiled.ToArray();
        }
        var resolved = new OutlinedRegion[all.Length];
        for (int i = 0; i < all.Length; i++)
            resolved[i] = all[i] with { Method = generated.GetMethod(all[i].Method.Name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)! };
        return resolved;
    }
}

/// <summary>An outlined region's method (its builder until the type is created), its function among the defined ones, and its CIL size.</summary>
internal sealed record OutlinedRegion(MethodInfo Method, int Defined, int IlSize);
