using System.ComponentModel;

namespace Heron;

/// <summary>
/// The entry point of a precompiled module's assembly: every assembly that <see cref="Engine.PrecompileModule"/>
/// (or <c>heron compile</c>) writes has one public class deriving from this one,
/// <c>Heron.Precompiled.Code</c>. Hosts that reference such an assembly at build time (a NativeAOT app)
/// pass an instance to <see cref="Module.FromPrecompiled"/>; nothing else derives from it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PrecompiledCode
{
    /// <summary>For generated code only.</summary>
    protected PrecompiledCode()
    {
    }

    /// <summary>
    /// The code of the precompiled module whose assembly, named <paramref name="assemblyName"/>, the
    /// application references (as Heron.Precompile.targets adds it, rooted so that NativeAOT keeps it whole).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "the assembly is a trimmer root (Heron.Precompile.targets)")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "as above")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2096", Justification = "as above")]
    public static PrecompiledCode FromAssembly(string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        var type = Type.GetType($"{Precompiled.ModulePrecompiler.CodeTypeName}, {assemblyName}", throwOnError: false)
            ?? throw new PrecompiledModuleException($"no precompiled module named {assemblyName} is referenced by the application (no {Precompiled.ModulePrecompiler.CodeTypeName} in an assembly of that name)");
        return Activator.CreateInstance(type) as PrecompiledCode
            ?? throw new PrecompiledModuleException($"{assemblyName} is not a precompiled module");
    }

    /// <summary>What the code depends on (Heron build, runtime, features, settings), as <c>key=value</c> lines.</summary>
    public abstract string GetManifest();

    /// <summary>The original module, in the binary format.</summary>
    public abstract byte[] GetModuleBytes();

    /// <summary>The native code of each defined function, by defined-function index.</summary>
    public abstract nint[] GetCodePointers();

    /// <summary>The module's type indices that have an invoker (a call from the host) in <see cref="GetInvokers"/>.</summary>
    public abstract int[] GetInvokerTypeIndices();

    /// <summary>The invokers' code, in the order of <see cref="GetInvokerTypeIndices"/>.</summary>
    public abstract nint[] GetInvokers();

    /// <summary>The delegate types (<c>Func</c>/<c>Action</c>, with or without a leading <see cref="Caller"/>) that host functions matching the module's imports can have.</summary>
    public abstract Type[] GetHostStubDelegateTypes();

    /// <summary>The host stubs' code, in the order of <see cref="GetHostStubDelegateTypes"/>.</summary>
    public abstract nint[] GetHostStubs();
}
