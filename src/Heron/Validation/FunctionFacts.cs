namespace Heron.Validation;

/// <summary>
/// What validation learned about one defined function that a single-pass compiler needs up front:
/// how deep the operand and control stacks get, and which kinds of instructions occur.
/// </summary>
/// <param name="MaxStackHeight">The most operand values live at once (the function's own frame only).</param>
/// <param name="MaxControlDepth">The most nested control frames at once, the function's own frame included.</param>
/// <param name="Traits">The kinds of instructions the body contains.</param>
internal readonly record struct FunctionFacts(int MaxStackHeight, int MaxControlDepth, FunctionTraits Traits)
{
    public bool Has(FunctionTraits trait) => (Traits & trait) != 0;
}
