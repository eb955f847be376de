namespace Heron.Model;

/// <summary>
/// A defined function's body: its local declarations and the range of its instructions (from the
/// first instruction up to and including the final <c>end</c>) in the module's bytes.
/// </summary>
internal sealed record FunctionBody(LocalDeclaration[] Locals, ByteRange Code)
{
    /// <summary>The whole body entry as encoded (after its size), for re-encoding.</summary>
    public ByteRange Encoded { get; init; }

    /// <summary>Total number of declared locals (parameters not included).</summary>
    public long LocalCount
    {
        get
        {
            long total = 0;
            foreach (var run in Locals) total += run.Count;
            return total;
        }
    }
}
