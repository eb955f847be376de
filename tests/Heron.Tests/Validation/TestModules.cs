using Heron.Model;

namespace Heron.Tests.Validation;

/// <summary>
/// Builds one-function modules directly as <see cref="WasmModule"/>s from raw body bytes, so validator tests
/// do not depend on the decoder. Body bytes are the instructions including the final <c>end</c> (0x0B).
/// </summary>
internal static class TestModules
{
    public static WasmModule Function(ValueType[] parameters, ValueType[] results, byte[] code,
        LocalDeclaration[]? locals = null, MemoryType[]? memories = null, int? dataCount = null)
    {
        var type = new TypeDefinition { Kind = CompositeKind.Function, Function = new FunctionType(parameters, results) };
        return new WasmModule
        {
            Bytes = code,
            Types = [type],
            FunctionTypeIndices = [0],
            Bodies = [new FunctionBody(locals ?? [], new ByteRange(0, code.Length))],
            Memories = memories ?? [],
            DataCount = dataCount,
        };
    }

    public static MemoryType[] OneMemory => [new MemoryType(new Limits(1, null))];

    public static ValueType[] Types(params ValueType[] types) => types;
}
