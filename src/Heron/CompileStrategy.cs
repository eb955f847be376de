namespace Heron;

/// <summary>
/// When the functions of a module are compiled (WebAssembly to CIL, CIL to native code by the .NET JIT):
/// see <see cref="EngineConfig.Strategy"/>.
/// </summary>
public enum CompileStrategy
{
    /// <summary>
    /// Chosen per module by its size: <see cref="Ahead"/> for a module with less than
    /// <see cref="EngineConfig.LazyCodeSize"/> bytes of function code, <see cref="Lazy"/> from there on.
    /// </summary>
    Auto,

    /// <summary>
    /// Every function is compiled to CIL when the module is, and (with <see cref="EngineConfig.CompileAhead"/>)
    /// to native code too, on all cores: a call never waits for the compiler, as in Wasmtime. Best for a
    /// program that runs long or uses most of its code.
    /// </summary>
    Ahead,

    /// <summary>
    /// No function is compiled with the module; each one is compiled (to CIL, then by the JIT) on its first
    /// call, by the calling thread, and the functions never called cost nothing. Calls between functions
    /// go through a table of code pointers (a load more than a direct call, and never inlined). Best for a
    /// large program that runs briefly or uses a small part of its code.
    /// </summary>
    Lazy,
}
