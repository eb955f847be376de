using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// Defines the methods of outlined regions (see <see cref="FunctionSplitter"/>) in a module's generated
/// type and remembers them, so that they can be JIT-compiled ahead with the functions and their code
/// offsets mapped in backtraces. Functions are compiled on several threads into one type: definitions
/// take the lock that also guards the type's data fields.
/// </summary>
internal sealed class RegionMethods(TypeBuilder type, Lock gate, CodeOffsetMap? offsets, int importedFunctions)
{
    private readonly List<(int Defined, string Name, int IlSize)> compiled = new();

    /// <summary>The name of region <paramref name="region"/> of function <paramref name="functionIndex"/>: <c>f12r3</c>.</summary>
    public static string NameOf(int functionIndex, int region) =>
        ModuleCompiler.MethodPrefix + functionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + RegionMarker + region.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What separates the function index from the region number in a region method's name.</summary>
    public const char RegionMarker = 'r';

    public MethodBuilder Define(int functionIndex, int region, Type[] parameters)
    {
        lock (gate)
        {
            var method = type.DefineMethod(NameOf(functionIndex, region),
                MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig, typeof(int), parameters);
            // Never inlined into the parent: the point of the region is a method the JIT optimises on its own,
            // and a backtrace finds the trapping instruction through the region's own frame.
            method.SetImplementationFlags(MethodImplAttributes.NoInlining);
            return method;
        }
    }

    /// <summary>Region <paramref name="region"/> of function <paramref name="functionIndex"/> was compiled.</summary>
    public void Compiled(int functionIndex, int region, MethodBuilder method, int ilSize, byte[]? packedOffsets)
    {
        var defined = functionIndex - importedFunctions;
        if (packedOffsets is not null) offsets?.SetRegion(defined, region, packedOffsets);
        lock (gate) compiled.Add((defined, method.Name, ilSize));
    }

    /// <summary>The regions compiled so far: the defined function each belongs to, its method's name and CIL size.</summary>
    public IReadOnlyList<(int Defined, string Name, int IlSize)> All
    {
        get
        {
            lock (gate) return compiled.ToArray();
        }
    }

    /// <summary>The region methods of <paramref name="generated"/> (the type once created) with their functions and sizes.</summary>
    public (MethodInfo Method, int Defined, int IlSize)[] Resolve(Type generated)
    {
        var all = All;
        var resolved = new (MethodInfo, int, int)[all.Count];
        for (int i = 0; i < all.Count; i++)
            resolved[i] = (generated.GetMethod(all[i].Name, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)!, all[i].Defined, all[i].IlSize);
        return resolved;
    }
}
