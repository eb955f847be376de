namespace Heron.Bench.Suite;

/// <summary>
/// One method the .NET JIT compiled during a run: its name, IL and native size, the tier it was compiled at
/// (<c>MinOptJitted</c> is what a method over the JIT's size limits gets) and how long the JIT took.
/// </summary>
internal sealed record JitMethod(string Name, int IlBytes, int NativeBytes, string Tier, double JitMs);
