namespace Heron.Runtime;

/// <summary>
/// A function as the runtime sees it, and the value of a non-null funcref: a code pointer to a method
/// whose signature is the function's lowered signature (see <c>Compilation.CilSignature</c>), the
/// context to pass as its last argument, and the engine-wide id of its type for call_indirect checks.
/// </summary>
internal sealed class FunctionInstance(nint code, CanonicalType canonical, FunctionType type, InstanceContext context)
{
    public readonly nint Code = code;
    public readonly int SignatureId = canonical.Id;
    public readonly InstanceContext Context = context;

    /// <summary>The function's type as its module declares it (type indices of that module).</summary>
    public FunctionType Type { get; } = type;

    /// <summary>The engine's form of the type: its declared ancestors, and its signature in engine ids.</summary>
    public CanonicalType Canonical { get; } = canonical;

    /// <summary>
    /// Whether the function may be called through the type <paramref name="signatureId"/>: its own type or a
    /// declared ancestor (call_indirect into a non-final type accepts subtypes).
    /// </summary>
    public bool HasType(int signatureId) => SignatureId == signatureId || Canonical.HasSupertype(signatureId);

    /// <summary>Defined function index in its module, or -1 for a host function.</summary>
    public int Index { get; init; } = -1;

    /// <summary>The public wrapper, made on first request.</summary>
    public Function? Wrapper { get; set; }
}
