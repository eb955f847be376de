using System.Reflection;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// The runtime helper of each opcode of one prefix, a public static method named after the opcode's member
/// of <see cref="Opcode"/>, looked up by name on first use. The tables were built by reading every method
/// of the helper classes and parsing each name as an <see cref="Opcode"/>: reflection over a few hundred
/// methods, and framework generic code (<c>Enum.TryParse</c>) JIT-compiled, at the start of every run
/// that compiled one SIMD or atomic instruction.
/// </summary>
internal sealed class HelperTable(int prefix, params Type[] owners)
{
    private readonly MethodInfo?[] found = new MethodInfo?[0x200];
    private readonly bool[] searched = new bool[0x200];

    /// <summary>The helper of <paramref name="info"/>, or null when it has none (or is not of this table's prefix).</summary>
    public MethodInfo? For(OpcodeInfo info)
    {
        var code = info.Code;
        if (info.Prefix != prefix || code >= found.Length) return null;
        if (Volatile.Read(ref searched[code])) return found[code];
        // Two threads may both look: they find the same method.
        var name = OpcodeTable.MemberName(info.Opcode);
        MethodInfo? method = null;
        foreach (var owner in owners)
        {
            method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static);
            if (method != null) break;
        }
        found[code] = method;
        Volatile.Write(ref searched[code], true);
        return method;
    }
}
