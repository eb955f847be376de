using System.Reflection;

namespace Heron.Compilation;

/// <summary>
/// The output of compiling one module: the generated type with one static method per defined function,
/// the code pointers of those methods (what funcrefs and imports call), and the engine-wide signature
/// id of each of the module's types.
/// </summary>
internal sealed class CompiledModule(Type type, MethodInfo[] methods, nint[] codePointers, int[] signatureIds, string? name)
{
    public Type Type { get; } = type;

    public MethodInfo[] Methods { get; } = methods;

    public nint[] CodePointers { get; } = codePointers;

    /// <summary>By type index; -1 for types that are not function types.</summary>
    public int[] SignatureIds { get; } = signatureIds;

    public string? Name { get; } = name;

    /// <summary>
    /// For a module compiled lazily (<see cref="CompileStrategy.Lazy"/>): its functions' code, compiled on
    /// first call. Then <see cref="Methods"/> and <see cref="CodePointers"/> hold entry stubs, and only for
    /// the functions callable from outside the module's code (null and zero for the others).
    /// </summary>
    public LazyFunctions? Lazy { get; init; }
}
