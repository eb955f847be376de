namespace Heron;

/// <summary>One WebAssembly frame of a trap's backtrace.</summary>
/// <param name="ModuleName">The module's name (from the name section or as given when compiled), or null.</param>
/// <param name="FunctionIndex">The function's index in its module's function index space.</param>
/// <param name="FunctionName">The function's name from the name section (or its export name), or null.</param>
/// <param name="Offset">The byte offset in the module binary, or -1 when unknown.</param>
public sealed record WasmFrame(string? ModuleName, int FunctionIndex, string? FunctionName, long Offset = -1)
{
    /// <summary>The frame as <c>module!name[index]</c>.</summary>
    public override string ToString() =>
        $"{ModuleName ?? "<module>"}!{FunctionName ?? "<wasm function>"}[{FunctionIndex}]" + (Offset >= 0 ? $" @0x{Offset:x}" : "");
}
