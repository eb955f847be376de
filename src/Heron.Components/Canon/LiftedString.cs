namespace Heron.Components.Canon;

/// <summary>
/// A string with the encoding and length (in code units, with the UTF-16 tag bit for latin1+utf16) it had
/// in the memory it came from: lowering it elsewhere allocates by these, as the canonical ABI prescribes.
/// </summary>
internal sealed record LiftedString(string Text, StringEncoding Encoding, uint TaggedCodeUnits);
