namespace Heron.Fuzz.Differential;

/// <summary>Recognises Heron's refusal to compile a GC instruction, which is not a divergence but a known gap.</summary>
internal static class GcInstructions
{
    private const string Refusal = "is not supported by the compiler yet";

    private static readonly string[] Prefixes =
    [
        "struct.", "array.", "ref.i31", "i31.", "ref.test", "ref.cast", "br_on_cast", "any.convert_extern",
        "extern.convert_any", "ref.eq",
    ];

    /// <summary>Whether <paramref name="message"/> is Heron's compiler refusing a GC instruction (and nothing else).</summary>
    public static bool IsUncompiled(string message)
    {
        const string lead = "the instruction ";
        var start = message.IndexOf(lead, StringComparison.Ordinal);
        if (start < 0 || !message.Contains(Refusal, StringComparison.Ordinal)) return false;
        var name = message[(start + lead.Length)..].Split(' ')[0];
        return Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
