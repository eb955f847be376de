namespace Heron.Components.Canon;

/// <summary>The traps the canonical ABI names, thrown as <see cref="TrapException"/>s.</summary>
internal static class CanonTrap
{
    public static TrapException Create(string message) => new(TrapCode.CanonicalAbi, message);

    /// <summary>
    /// Traps with a constant message. A message built per call (interpolated, or from a method) goes through
    /// <c>if (...) throw Create(...)</c> instead, so that a check that passes allocates nothing.
    /// </summary>
    public static void If(bool condition, string message)
    {
        if (condition) throw Create(message);
    }
}
