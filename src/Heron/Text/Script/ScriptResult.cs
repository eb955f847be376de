namespace Heron.Text.Script;

/// <summary>One expected result of assert_return.</summary>
internal sealed record ScriptResult(ScriptResultKind Kind, ValueType Type)
{
    /// <summary>For <see cref="ScriptResultKind.Exact"/>: the expected value.</summary>
    public ScriptValue? Value { get; init; }

    /// <summary>
    /// For a v128 result given per lane (<c>v128.const f32x4 nan:canonical 1.0 ...</c>): one pattern per
    /// lane, each Exact (with a scalar <see cref="Value"/> of the lane type), CanonicalNan or ArithmeticNan.
    /// Null when the v128 is compared as 16 exact bytes.
    /// </summary>
    public ScriptResult[]? LanePatterns { get; init; }

    /// <summary>For RefOfHeapType: which heap type (any, eq, struct, array, i31, extern, exn).</summary>
    public HeapType Heap { get; init; }

    /// <summary>For <see cref="ScriptResultKind.Either"/>.</summary>
    public ScriptResult[]? Alternatives { get; init; }
}
