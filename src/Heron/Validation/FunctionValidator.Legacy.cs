using Heron.Binary;
using Heron.Instructions;

namespace Heron.Validation;

// The legacy exception instructions (WasmFeatures.LegacyExceptions). A try frame becomes a Catch or CatchAll
// frame at each clause, as an if frame becomes Else: the clause's body produces the try's results, and a
// branch to it goes to the try's end. Only a Catch or CatchAll frame has an exception for rethrow.
internal sealed partial class FunctionValidator
{
    /// <summary>try, catch, catch_all, delegate and rethrow; false when <paramref name="instruction"/> is none of them.</summary>
    private bool LegacyException(ref Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Try:
            {
                traits |= FunctionTraits.Exceptions;
                BlockSignature(instruction, out var parameters, out var results);
                PopValues(parameters, instruction);
                PushFrame(Opcode.Try, parameters, results);
                break;
            }
            case Opcode.Catch:
            case Opcode.CatchAll:
            {
                var kind = controls.Top.Kind;
                if (kind is not (Opcode.Try or Opcode.Catch))
                    throw new DecodeException(kind == Opcode.CatchAll ? "catch after catch_all" : "catch without try", instruction.Offset);
                var payload = instruction.Opcode == Opcode.Catch ? TagParams(instruction.Index, instruction) : NoTypes;
                var frame = PopFrame(instruction);
                controls.Push(frame with { Kind = instruction.Opcode, Unreachable = false });
                PushValues(payload);
                break;
            }
            case Opcode.Delegate:
            {
                if (controls.Top.Kind != Opcode.Try) throw new DecodeException("delegate without try", instruction.Offset);
                var frame = PopFrame(instruction);
                // The label counts from outside the try: the try's own label is gone.
                LabelFrame(instruction.Index, instruction);
                PushValues(frame.Results);
                break;
            }
            case Opcode.Rethrow:
                if (LabelFrame(instruction.Index, instruction).Kind is not (Opcode.Catch or Opcode.CatchAll))
                    throw Fail("invalid rethrow label", instruction);
                SetUnreachable();
                break;
            default:
                return false;
        }
        return true;
    }
}
