namespace Heron.Text;

/// <summary>
/// A function type as the text parser tracks it: parameter and result types in their binary encodings,
/// so two signatures are equal exactly when their encodings are.
/// </summary>
internal sealed class FuncSignature(List<byte[]> parameters, List<byte[]> results)
{
    public List<byte[]> Parameters { get; } = parameters;

    public List<byte[]> Results { get; } = results;

    /// <summary>A string equal for equal signatures, for lookups.</summary>
    public string Key { get; } = string.Join(",", parameters.Select(Convert.ToHexString)) + "->" + string.Join(",", results.Select(Convert.ToHexString));

    public void Encode(ByteWriter writer)
    {
        writer.Byte(0x60);
        writer.U32((uint)Parameters.Count);
        foreach (var p in Parameters) writer.Bytes(p);
        writer.U32((uint)Results.Count);
        foreach (var r in Results) writer.Bytes(r);
    }
}
