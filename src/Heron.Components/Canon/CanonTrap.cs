namespace Heron.Components.Canon;

/// <summary>The traps the canonical ABI names, thrown as <see cref="TrapException"/>s.</summary>
internal static class CanonTrap
{
    public static TrapException Create(string message) => new(TrapCode.CanonicalAbi, message);

    public static void If(bool condition, string message)
    {
        if (condition) throw Create(message);
    }
}
