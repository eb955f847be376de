namespace Heron.Fuzz.Differential;

/// <summary>How one differential case ended.</summary>
internal enum CaseOutcome
{
    /// <summary>Both engines did the same observable things.</summary>
    Agreed,

    /// <summary>Both engines rejected the module (never expected for generated modules, but not a divergence).</summary>
    BothRejected,

    /// <summary>The module imports reference types Wasmtime's .NET API cannot pass (anyref, exnref, typed
    /// references): Wasmtime cannot even load it in this process. Not compared, counted apart.</summary>
    Uncarried,

    /// <summary>The engines disagreed: a bug in one of them.</summary>
    Diverged,

    /// <summary>Heron threw something other than a <see cref="WasmException"/>.</summary>
    Crashed,
}
