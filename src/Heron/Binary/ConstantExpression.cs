using Heron.Instructions;
using Heron.Model;

namespace Heron.Binary;

/// <summary>
/// Finds the extent of a constant expression (global and table initialisers, segment offsets and items).
/// Its instructions are decoded only to find the matching <c>end</c>; which of them are constant is the
/// validator's question. The range includes that final <c>end</c>.
/// </summary>
internal static class ConstantExpression
{
    public static ByteRange Read(ref WasmReader reader, WasmFeatures features)
    {
        var start = reader.Position;
        var instructions = new InstructionReader(reader.Bytes, start, reader.End, features);
        // Constant expressions have no blocks, but an invalid one may: counting them keeps the range right
        // so the validator, not the decoder, reports it.
        var depth = 0;
        while (true)
        {
            var opcode = instructions.Read().Opcode;
            if (opcode == Opcode.End)
            {
                if (depth == 0) break;
                depth--;
            }
            else if (opcode is Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Try or Opcode.TryTable)
            {
                depth++;
            }
        }
        reader.Position = instructions.Position;
        return new ByteRange(start, reader.Position - start);
    }
}
