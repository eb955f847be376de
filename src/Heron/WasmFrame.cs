namespace Heron;

/// <summary>One WebAssembly frame of a trap's backtrace.</summary>
/// <param name="ModuleName">The module's name (from the name section or as given when compiled), or null.</param>
/// <param name="FunctionIndex">The function's index in its module's function index space.</param>
/// <param name="FunctionName">The function's name from the name section (or its export name), or null.</param>
/// <param name="Offset">
/// The byte offset in the module binary of the instruction that trapped (innermost frame) or made the
/// call (outer frames), or -1 when unknown. Wasmtime calls it the module offset.
/// </param>
/// <param name="FunctionOffset">The same instruction's offset from the start of the function's body, or -1 when unknown.</param>
public sealed record WasmFrame(string? ModuleName, int FunctionIndex, string? FunctionName, long Offset = -1, long FunctionOffset = -1)
{
    /// <summary>The frame as <c>0x2a - module!name</c>, the layout of Wasmtime's backtraces, with the function index.</summary>
    public override string ToString() =>
        (Offset >= 0 ? $"0x{Offset:x} - " : "") + $"{ModuleName ?? "<module>"}!{FunctionName ?? "<wasm function>"}[{FunctionIndex}]";
}
