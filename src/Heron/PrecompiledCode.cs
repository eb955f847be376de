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

    /// <summary>What the code depends on (Heron build, runtime, features, settings), as <c>key=value</c> lines.</summary>
    public abstract string GetManifest();

    /// <summary>The original module, in the binary format.</summary>
    public abstract byte[] GetModuleBytes();

    /// <summary>The native code of each defined function, by defined-function index.</summary>
    public abstract nint[] GetCodePointers();
}
