using Heron.Model;
using Heron.Validation;
using static Heron.Tests.Validation.TestModules;

namespace Heron.Tests.Validation;


public sealed class FunctionBodyTests
{
    private static readonly ValueType I32 = ValueType.I32;
    private static readonly ValueType I64 = ValueType.I64;

    private static ValidationException Invalid(WasmModule module) =>
        Assert.Throws<ValidationException>(() => ModuleValidator.Validate(module));

    [Fact]
    public void AddOfTwoParametersIsValidAndReportsStackHeight()
    {
        // local.get 0, local.get 1, i32.add, end
        var module = Function(Types(I32, I32), Types(I32), [0x20, 0, 0x20, 1, 0x6A, 0x0B]);
        var facts = ModuleValidator.Validate(module).Functions[0];
        Assert.Equal(2, facts.MaxStackHeight);
        Assert.Equal(1, facts.MaxControlDepth);
        Assert.Equal(FunctionTraits.None, facts.Traits);
    }

    [Fact]
    public void OperandOfWrongTypeIsTypeMismatch()
    {
        // i64.const 1, i32.eqz
        var error = Invalid(Function(Types(), Types(I32), [0x42, 1, 0x45, 0x0B]));
        Assert.StartsWith("type mismatch", error.Reason);
        Assert.Equal(0, error.FunctionIndex);
        Assert.Equal("i32.eqz", error.Instruction);
        Assert.Equal(2, error.Offset);
    }

    [Fact]
    public void PoppingAnEmptyStackIsTypeMismatch()
    {
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), [0x1A, 0x0B])).Reason);
    }

    [Fact]
    public void ValuesLeftAtEndAreTypeMismatch()
    {
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), [0x41, 0, 0x0B])).Reason);
    }

    [Fact]
    public void MissingResultIsTypeMismatch()
    {
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(I32), [0x0B])).Reason);
    }

    [Fact]
    public void UnknownLocalNamesTheIndex()
    {
        var locals = new[] { new LocalDeclaration(2, I64) };
        ModuleValidator.Validate(Function(Types(I32), Types(I64), [0x20, 2, 0x0B], locals));
        Assert.StartsWith("unknown local 3", Invalid(Function(Types(I32), Types(I64), [0x20, 3, 0x0B], locals)).Reason);
    }

    [Fact]
    public void UnreachableMakesTheStackPolymorphic()
    {
        // unreachable, i32.add, drop, end: the operands of i32.add come from the polymorphic stack.
        ModuleValidator.Validate(Function(Types(), Types(), [0x00, 0x6A, 0x1A, 0x0B]));
        // unreachable, i64.const 0, i32.add: a known operand must still have the right type.
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), [0x00, 0x42, 0, 0x6A, 0x1A, 0x0B])).Reason);
    }

    [Fact]
    public void BrIfAfterUnreachableLeavesTheLabelTypes()
    {
        // (func (result i64) unreachable br_if 0 i64.extend_i32_u): br_if leaves i64, not an unknown type.
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(I64), [0x00, 0x0D, 0, 0xAD, 0x0B])).Reason);
    }

    [Fact]
    public void BrTableTargetsMustAgreeOnArity()
    {
        // block (result i32) block  i32.const 0 i32.const 0 br_table 0 1  end i32.const 1 end drop
        byte[] code = [0x02, 0x7F, 0x02, 0x40, 0x41, 0, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x41, 1, 0x0B, 0x1A, 0x0B];
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), code)).Reason);
    }

    [Fact]
    public void BrToAMissingLabelIsUnknownLabel()
    {
        Assert.StartsWith("unknown label", Invalid(Function(Types(), Types(), [0x0C, 1, 0x0B])).Reason);
    }

    [Fact]
    public void MultiValueBlockTakesItsParameters()
    {
        var types = new[]
        {
            new TypeDefinition { Kind = CompositeKind.Function, Function = new FunctionType([], [I32]) },
            new TypeDefinition { Kind = CompositeKind.Function, Function = new FunctionType([I32, I32], [I32]) },
        };
        // i32.const 1 i32.const 2 block (type 1) i32.add end end
        byte[] code = [0x41, 1, 0x41, 2, 0x02, 1, 0x6A, 0x0B, 0x0B];
        var module = new WasmModule
        {
            Bytes = code,
            Types = types,
            FunctionTypeIndices = [0],
            Bodies = [new FunctionBody([], new ByteRange(0, code.Length))],
        };
        ModuleValidator.Validate(module);
    }

    [Fact]
    public void IfWithoutElseMustNotChangeTheStackType()
    {
        // i32.const 1 if (result i32) i32.const 2 end drop
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), [0x41, 1, 0x04, 0x7F, 0x41, 2, 0x0B, 0x1A, 0x0B])).Reason);
    }

    [Fact]
    public void UntypedSelectRejectsReferences()
    {
        // ref.null func, ref.null func, i32.const 1, select, drop
        byte[] code = [0xD0, 0x70, 0xD0, 0x70, 0x41, 1, 0x1B, 0x1A, 0x0B];
        Assert.StartsWith("type mismatch", Invalid(Function(Types(), Types(), code)).Reason);
        // The typed form (select (result funcref)) accepts them.
        byte[] typed = [0xD0, 0x70, 0xD0, 0x70, 0x41, 1, 0x1C, 1, 0x70, 0x1A, 0x0B];
        ModuleValidator.Validate(Function(Types(), Types(), typed));
    }

    [Fact]
    public void TypedSelectWithoutExactlyOneTypeIsInvalid()
    {
        // The spec suite (select.wast) expects "invalid result arity" from validation, not decoding.
        byte[] code = [0x41, 1, 0x41, 1, 0x41, 1, 0x1C, 0, 0x1A, 0x0B];
        var error = Assert.Throws<ValidationException>(() => ModuleValidator.Validate(Function(Types(), Types(), code)));
        Assert.StartsWith("invalid result arity", error.Reason);
    }

    [Fact]
    public void AlignmentAboveNaturalIsRejected()
    {
        // i32.const 0, i32.load align=2^2 offset=0 is fine; align=2^3 is not.
        ModuleValidator.Validate(Function(Types(), Types(I32), [0x41, 0, 0x28, 2, 0, 0x0B], memories: OneMemory));
        var error = Invalid(Function(Types(), Types(I32), [0x41, 0, 0x28, 3, 0, 0x0B], memories: OneMemory));
        Assert.StartsWith("alignment must not be larger than natural", error.Reason);
    }

    [Fact]
    public void LoadWithoutMemoryIsUnknownMemory()
    {
        Assert.StartsWith("unknown memory 0", Invalid(Function(Types(), Types(I32), [0x41, 0, 0x28, 2, 0, 0x0B])).Reason);
    }

    [Fact]
    public void LaneIndexMustBeBelowTheLaneCount()
    {
        // v128.const 0, i32x4.extract_lane 3 / 4
        byte[] Body(byte lane) => [0xFD, 0x0C, .. new byte[16], 0xFD, 0x1B, lane, 0x0B];
        ModuleValidator.Validate(Function(Types(), Types(I32), Body(3)));
        Assert.StartsWith("invalid lane index", Invalid(Function(Types(), Types(I32), Body(4))).Reason);
    }

    [Fact]
    public void ShuffleLanesMustBeBelow32()
    {
        byte[] Body(byte lane) => [0xFD, 0x0C, .. new byte[16], 0xFD, 0x0C, .. new byte[16], 0xFD, 0x0D, .. new byte[15], lane, 0x1A, 0x0B];
        ModuleValidator.Validate(Function(Types(), Types(), Body(31)));
        Assert.StartsWith("invalid lane index", Invalid(Function(Types(), Types(), Body(32))).Reason);
    }

    [Fact]
    public void SettingAnImmutableGlobalIsRejected()
    {
        byte[] code = [0x41, 1, 0x24, 0, 0x0B];
        var module = Function(Types(), Types(), code);
        var withGlobal = new WasmModule
        {
            Bytes = [.. code, 0x41, 0, 0x0B],
            Types = module.Types,
            FunctionTypeIndices = module.FunctionTypeIndices,
            Bodies = module.Bodies,
            Globals = [new GlobalDefinition(new GlobalType(I32, Mutable: false), new ByteRange(code.Length, 3))],
        };
        Assert.StartsWith("global is immutable", Invalid(withGlobal).Reason);
    }

    [Fact]
    public void MemoryInitWithoutDataCountSectionIsMalformed()
    {
        // i32.const 0 x3, memory.init 0 0 with one data segment but no data count section.
        byte[] code = [0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0, 0, 0x0B];
        var module = Function(Types(), Types(), code, memories: OneMemory);
        var withData = new WasmModule
        {
            Bytes = code,
            Types = module.Types,
            FunctionTypeIndices = module.FunctionTypeIndices,
            Bodies = module.Bodies,
            Memories = module.Memories,
            Data = [new DataSegment(SegmentMode.Passive, new ByteRange(0, 0))],
        };
        Assert.StartsWith("data count section required",
            Assert.Throws<DecodeException>(() => ModuleValidator.Validate(withData)).Reason);
        ModuleValidator.Validate(new WasmModule
        {
            Bytes = code, Types = module.Types, FunctionTypeIndices = module.FunctionTypeIndices, Bodies = module.Bodies,
            Memories = module.Memories, Data = withData.Data, DataCount = 1,
        });
    }

    [Fact]
    public void BodyWithoutFinalEndIsMalformed()
    {
        var error = Assert.Throws<DecodeException>(() => ModuleValidator.Validate(Function(Types(), Types(), [0x41, 1, 0x1A])));
        Assert.StartsWith("END opcode expected", error.Reason);
    }

    [Fact]
    public void IllegalOpcodeIsMalformed()
    {
        Assert.StartsWith("illegal opcode",
            Assert.Throws<DecodeException>(() => ModuleValidator.Validate(Function(Types(), Types(), [0xFF, 0x0B]))).Reason);
    }

    [Fact]
    public void ThreeDotZeroInstructionsNeedTheirFeature()
    {
        // return_call 0 in a function of type [] -> []
        byte[] code = [0x12, 0, 0x0B];
        Assert.Throws<DecodeException>(() => ModuleValidator.Validate(Function(Types(), Types(), code)));
        ModuleValidator.Validate(Function(Types(), Types(), code), WasmFeatures.Wasm3);
    }

    [Fact]
    public void FactsRecordLoopsCallsAndMemoryGrowth()
    {
        // loop  i32.const 1 memory.grow 0 drop call 0  end
        byte[] code = [0x03, 0x40, 0x41, 1, 0x40, 0, 0x1A, 0x10, 0, 0x0B, 0x0B];
        var facts = ModuleValidator.Validate(Function(Types(), Types(), code, memories: OneMemory)).Functions[0];
        Assert.True(facts.Has(FunctionTraits.Loops));
        Assert.True(facts.Has(FunctionTraits.Calls));
        Assert.True(facts.Has(FunctionTraits.MemoryGrow));
        Assert.True(facts.Has(FunctionTraits.MemoryAccess));
        Assert.False(facts.Has(FunctionTraits.IndirectCalls));
        Assert.Equal(2, facts.MaxControlDepth);
        Assert.Equal(1, facts.MaxStackHeight);
    }

    [Fact]
    public void HundredThousandNestedBlocksValidateWithoutRecursion()
    {
        const int depth = 100_000;
        var code = new byte[depth * 3 + 1];
        for (int i = 0; i < depth; i++) { code[2 * i] = 0x02; code[2 * i + 1] = 0x40; }
        code.AsSpan(depth * 2).Fill(0x0B);
        var facts = ModuleValidator.Validate(Function(Types(), Types(), code)).Functions[0];
        Assert.Equal(depth + 1, facts.MaxControlDepth);
    }

    [Fact]
    public void HundredThousandNestedBlocksWithAMissingEndFail()
    {
        const int depth = 100_000;
        var code = new byte[depth * 3];
        for (int i = 0; i < depth; i++) { code[2 * i] = 0x02; code[2 * i + 1] = 0x40; }
        code.AsSpan(depth * 2).Fill(0x0B);
        var error = Assert.Throws<DecodeException>(() => ModuleValidator.Validate(Function(Types(), Types(), code)));
        Assert.StartsWith("END opcode expected", error.Reason);
    }
}
