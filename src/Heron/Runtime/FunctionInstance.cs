namespace Heron.Runtime;

/// <summary>
/// A function as the runtime sees it, and the value of a non-null funcref: a code pointer to a method
/// whose signature is the function's lowered signature (see <c>Compilation.CilSignature</c>), the
/// context to pass as its last argument, and the engine-wide id of its type for call_indirect checks.
/// </summary>
internal sealed class FunctionInstance(nint code, int signatureId, FunctionType type, InstanceContext context)
{
    public readonly nint Code = code;
    public readonly int SignatureId = signatureId;
    public readonly InstanceContext Context = context;

    public FunctionType Type { get; } = type;

    /// <summary>Defined function index in its module, or -1 for a host function.</summary>
    public int Index { get; init; } = -1;

    /// <summary>The public wrapper, made on first request.</summary>
    public Function? Wrapper { get; set; }
}
