using System.Security.Cryptography;

namespace Heron.Fuzz.Differential;

/// <summary>A short, stable digest of a memory's bytes.</summary>
internal static class StateHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 8));
}
