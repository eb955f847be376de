namespace Heron.Validation;

/// <summary>The outcome of validating a module: facts per defined function, for the compiler.</summary>
internal sealed class ValidationResult
{
    public ValidationResult(FunctionFacts[] functions, bool[] referencedFunctions)
    {
        Functions = functions;
        this.referencedFunctions = referencedFunctions;
    }

    private readonly bool[] referencedFunctions;

    /// <summary>Facts of each defined function, indexed like <c>WasmModule.Bodies</c> (imports not included).</summary>
    public FunctionFacts[] Functions { get; }

    /// <summary>
    /// True when the function (in the whole index space) may become a reference: it is exported or named by an
    /// element segment or a constant expression, so it can be called indirectly and needs an entry point for that.
    /// </summary>
    public bool IsReferenced(int functionIndex) => referencedFunctions[functionIndex];
}
