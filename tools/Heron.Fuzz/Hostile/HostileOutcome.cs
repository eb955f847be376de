namespace Heron.Fuzz.Hostile;

/// <summary>How far a hostile input got. Every one of these is an allowed outcome.</summary>
internal enum HostileOutcome
{
    /// <summary>Decoding, validation or compilation threw a <see cref="WasmException"/>.</summary>
    Rejected,

    /// <summary>Compiled, but not run: it needs imports other than functions, or Wasmtime rejected it.</summary>
    CompiledOnly,

    /// <summary>Compiled, but Wasmtime ran out of fuel on it, so Heron (which has no fuel yet) does not run it.</summary>
    NonTerminating,

    /// <summary>Instantiated and its exports called; each ended in a result or a trap.</summary>
    Ran,
}
