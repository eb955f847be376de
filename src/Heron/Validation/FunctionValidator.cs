using System.Numerics;
using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Decodes and types one function body (or constant expression) in a single pass, with the specification's
/// validation algorithm: an explicit operand stack and control stack, and a polymorphic stack after
/// unconditional branches. One instance is reused for many bodies (one per thread): its stacks keep their
/// capacity, so the per-instruction path allocates nothing (only br_table and typed select immediates do,
/// inside the instruction reader).
/// </summary>
internal sealed partial class FunctionValidator
{
    private static readonly ValueType[] NoTypes = NoItems<ValueType>.Array;
    private static readonly ValueType Bottom = Subtyping.Bottom;

    private readonly ValidationContext context;
    private readonly Subtyping subtyping;
    private readonly OperandStack operands = new();
    private readonly ControlStack controls = new();
    private readonly LocalTypes locals = new();
    private ValueType[] scratch = new ValueType[16];

    private int functionIndex;
    private FunctionTraits traits;
    private bool constant;
    private int readableGlobals;

    public FunctionValidator(ValidationContext context)
    {
        this.context = context;
        subtyping = context.Subtyping;
    }

    /// <summary>Validates the body of function <paramref name="index"/> (in the whole function index space).</summary>
    public FunctionFacts ValidateFunction(int index, FunctionBody body)
    {
        functionIndex = index;
        var typeIndex = context.FunctionTypes[index];
        foreach (var run in body.Locals)
            CheckValueType(run.Type, body.Code.Start);
        locals.Reset(context.TypeParams[typeIndex]!, body.Locals);
        constant = false;
        Run(body.Code, context.TypeResults[typeIndex]!);
        return new FunctionFacts(operands.MaxCount, controls.MaxCount, traits);
    }

    /// <summary>
    /// When set, <see cref="ValidateFunction"/> adds one <see cref="StackShape"/> per instruction, in order:
    /// the operand stack just before it (what the compiler's function splitter needs to find statement
    /// boundaries, see <c>FunctionSplitter</c>).
    /// </summary>
    public StackShapeList? Shapes { get; set; }

    private StackShape ShapeBefore()
    {
        ref var top = ref controls.Top;
        return top.Unreachable ? StackShape.Unreachable : operands.Count == top.Height ? StackShape.Empty : StackShape.Holding;
    }

    /// <summary>Validates a constant expression that must produce one value of type <paramref name="expected"/>.</summary>
    public void ValidateConstant(ByteRange code, ValueType expected, int globalsReadable)
    {
        functionIndex = -1;
        locals.Reset(NoTypes, NoItems<LocalDeclaration>.Array);
        constant = true;
        readableGlobals = globalsReadable;
        Run(code, SingleType(expected));
    }

    // Not marked AggressiveOptimization, though that roughly doubled first-run validation under the JIT:
    // such methods are left out of ReadyToRun images, so the installed (ReadyToRun) tool compiled this
    // loop and the decoder's afresh at every start. Measured on sightglass noop, whole process: CPU time
    // 0.93x without the attribute. The ReadyToRun code is optimised from the first call anyway.
    private void Run(ByteRange code, ValueType[] results)
    {
        operands.Reset();
        controls.Reset();
        traits = FunctionTraits.None;
        controls.Push(new ControlFrame { Kind = Opcode.Call, Params = NoTypes, Results = results });
        var features = context.Features;
        var reader = new InstructionReader(context.Module.Bytes, code.Start, code.End, features);
        while (true)
        {
            if (reader.AtEnd)
                throw new DecodeException(constant ? "unexpected end" : "END opcode expected", reader.Position);
            var instruction = reader.Read();
            Shapes?.Add(ShapeBefore());
            var info = instruction.Info;
            if (!FeatureGate.IsEnabled(info.Feature, features))
                throw new DecodeException("illegal opcode", instruction.Offset);
            if (constant && !ConstantExpressionValidator.IsConstant(info.Opcode, features))
                throw Fail("constant expression required", instruction);
            if (info.Operands is { } popped)
            {
                Simple(ref instruction, popped, info.Results!);
                continue;
            }
            if (Special(ref instruction)) break;
        }
        if (!reader.AtEnd)
            throw new DecodeException(constant ? "constant expression required" : "section size mismatch", reader.Position);
    }

    /// <summary>An instruction typed by its opcode table row, with the immediate checks loads, stores and lanes need.</summary>
    private void Simple(ref Instruction instruction, ValueType[] popped, ValueType[] pushed)
    {
        var info = instruction.Info;
        var first = 0;
        switch (info.Immediate)
        {
            case ImmediateKind.MemArg:
            case ImmediateKind.MemArgLane:
            {
                // The table's signatures assume 32-bit addresses; a 64-bit memory takes an i64 address.
                var address = CheckMemArg(ref instruction);
                if (info.Immediate == ImmediateKind.MemArgLane && instruction.Index2 >= (uint)info.Lanes)
                    throw Fail("invalid lane index", instruction);
                for (int i = popped.Length - 1; i >= 1; i--) PopExpect(popped[i], instruction);
                PopExpect(address, instruction);
                first = popped.Length;
                break;
            }
            case ImmediateKind.Lane:
                if (instruction.Index >= (uint)info.Lanes) throw Fail("invalid lane index", instruction);
                break;
            case ImmediateKind.Shuffle:
                if (!ShuffleLanesValid(instruction.V128Low) || !ShuffleLanesValid(instruction.V128High))
                    throw Fail("invalid lane index", instruction);
                break;
        }
        for (int i = popped.Length - 1; i >= first; i--)
        {
            // The common case (a value of exactly the expected numeric type on top) is one compare.
            var expected = popped[i];
            if (operands.Count > controls.Top.Height && operands.Peek().Kind == expected.Kind && expected.Kind != ValueKind.Ref)
                operands.Pop();
            else
                PopExpect(expected, instruction);
        }
        for (int i = 0; i < pushed.Length; i++) operands.Push(pushed[i]);
    }

    private static bool ShuffleLanesValid(ulong lanes)
    {
        // Every lane byte must be below 32: none may have any of its top three bits set.
        return (lanes & 0xE0E0E0E0E0E0E0E0UL) == 0;
    }

    private ValueType CheckMemArg(ref Instruction instruction)
    {
        var memories = context.MemoryTypes;
        if (instruction.Index >= (uint)memories.Length) throw Fail($"unknown memory {instruction.Index}", instruction);
        var memory = memories[instruction.Index];
        var natural = (uint)BitOperations.Log2((uint)instruction.Info.AccessSize);
        if (instruction.Align > natural)
            throw Fail("alignment must not be larger than natural", instruction);
        // An atomic access is always naturally aligned (it traps otherwise): a smaller hint is no hint.
        if (instruction.Align != natural && instruction.Info.Feature == Feature.Threads)
            throw Fail("atomic alignment must be natural", instruction);
        if (!memory.Is64 && instruction.MemoryOffset > uint.MaxValue)
        {
            if (!context.Has(WasmFeatures.Memory64)) throw new DecodeException("integer too large", instruction.Offset);
            throw Fail("offset out of range", instruction);
        }
        traits |= FunctionTraits.MemoryAccess;
        return memory.Is64 ? ValueType.I64 : ValueType.I32;
    }

    // ---- the operand stack, as the validation algorithm uses it ----

    private ValueType Pop(in Instruction instruction)
    {
        ref var frame = ref controls.Top;
        if (operands.Count == frame.Height)
        {
            if (frame.Unreachable) return Bottom;
            throw Fail("type mismatch", instruction);
        }
        return operands.Pop();
    }

    private ValueType PopExpect(ValueType expected, in Instruction instruction)
    {
        var actual = Pop(instruction);
        if (!subtyping.Matches(actual, expected)) throw Fail("type mismatch", instruction);
        return actual;
    }

    private void PopValues(ValueType[] types, in Instruction instruction)
    {
        for (int i = types.Length - 1; i >= 0; i--) PopExpect(types[i], instruction);
    }

    private void PushValues(ValueType[] types)
    {
        for (int i = 0; i < types.Length; i++) operands.Push(types[i]);
    }

    /// <summary>
    /// Pops values matching <paramref name="types"/> and pushes back what was popped (br_table, br_if keep
    /// the actual types, which in unreachable code may be the bottom type).
    /// </summary>
    private void CheckValuesKept(ValueType[] types, int count, in Instruction instruction)
    {
        if (scratch.Length < count) scratch = new ValueType[Math.Max(count, scratch.Length * 2)];
        for (int i = count - 1; i >= 0; i--) scratch[i] = PopExpect(types[i], instruction);
        for (int i = 0; i < count; i++) operands.Push(scratch[i]);
    }

    private void PushFrame(Opcode kind, ValueType[] parameters, ValueType[] results)
    {
        controls.Push(new ControlFrame
        {
            Kind = kind,
            Params = parameters,
            Results = results,
            Height = operands.Count,
            InitHeight = locals.InitLogCount,
        });
        PushValues(parameters);
    }

    /// <summary>Ends the innermost frame: its results must be exactly what is left above its height.</summary>
    private ControlFrame PopFrame(in Instruction instruction)
    {
        ref var frame = ref controls.Top;
        PopValues(frame.Results, instruction);
        if (operands.Count != frame.Height) throw Fail("type mismatch", instruction);
        locals.ResetInitLog(frame.InitHeight);
        return controls.Pop();
    }

    private void SetUnreachable()
    {
        ref var frame = ref controls.Top;
        operands.Truncate(frame.Height);
        frame.Unreachable = true;
    }

    private ref ControlFrame LabelFrame(uint label, in Instruction instruction)
    {
        if (label >= (uint)controls.Count) throw Fail($"unknown label {label}", instruction);
        return ref controls.Label((int)label);
    }

    private ValidationException Fail(string message, in Instruction instruction) =>
        new(message, functionIndex, instruction.Offset, instruction.Info.Name);

    // ---- types named by immediates ----

    private static readonly ValueType[] OneI32 = [ValueType.I32];
    private static readonly ValueType[] OneI64 = [ValueType.I64];
    private static readonly ValueType[] OneF32 = [ValueType.F32];
    private static readonly ValueType[] OneF64 = [ValueType.F64];
    private static readonly ValueType[] OneV128 = [ValueType.V128];
    private static readonly ValueType[] OneFuncRef = [ValueType.FuncRef];
    private static readonly ValueType[] OneExternRef = [ValueType.ExternRef];

    /// <summary>A one-element type vector; shared arrays for the common types, so block types rarely allocate.</summary>
    private static ValueType[] SingleType(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => OneI32,
        ValueKind.I64 => OneI64,
        ValueKind.F32 => OneF32,
        ValueKind.F64 => OneF64,
        ValueKind.V128 => OneV128,
        _ when type == ValueType.FuncRef => OneFuncRef,
        _ when type == ValueType.ExternRef => OneExternRef,
        _ => [type],
    };

    private void BlockSignature(in Instruction instruction, out ValueType[] parameters, out ValueType[] results)
    {
        var block = instruction.Block;
        if (block.IsEmpty)
        {
            parameters = NoTypes;
            results = NoTypes;
        }
        else if (block.Result is { } single)
        {
            CheckValueType(single, instruction);
            parameters = NoTypes;
            results = SingleType(single);
        }
        else
        {
            var index = block.TypeIndex;
            if ((uint)index >= (uint)context.TypeParams.Length || context.TypeParams[index] == null)
                throw Fail("unknown type", instruction);
            parameters = context.TypeParams[index]!;
            results = context.TypeResults[index]!;
        }
    }

    private void CheckValueType(ValueType type, in Instruction instruction)
    {
        if (!type.IsReference) return;
        CheckHeapType(type.Heap, instruction);
        if ((!type.Nullable || type.Heap.IsConcrete) && !context.Has(WasmFeatures.FunctionReferences))
            throw new DecodeException("malformed reference type", instruction.Offset);
    }

    private void CheckValueType(ValueType type, int offset)
    {
        if (type.IsReference && type.Heap.IsConcrete && type.Heap.TypeIndex >= context.Module.Types.Length)
            throw new ValidationException("unknown type", functionIndex, offset);
    }

    private void CheckHeapType(HeapType heap, in Instruction instruction)
    {
        if (heap.IsConcrete && heap.TypeIndex >= context.Module.Types.Length) throw Fail("unknown type", instruction);
    }

    private (ValueType[] Params, ValueType[] Results) FunctionSignature(uint typeIndex, in Instruction instruction)
    {
        if (typeIndex >= (uint)context.TypeParams.Length || context.TypeParams[typeIndex] == null)
            throw Fail("unknown type", instruction);
        return (context.TypeParams[typeIndex]!, context.TypeResults[typeIndex]!);
    }

    private TableType Table(uint index, in Instruction instruction)
    {
        if (index >= (uint)context.TableTypes.Length) throw Fail($"unknown table {index}", instruction);
        traits |= FunctionTraits.TableAccess;
        return context.TableTypes[index];
    }

    private MemoryType Memory(uint index, in Instruction instruction)
    {
        if (index >= (uint)context.MemoryTypes.Length) throw Fail($"unknown memory {index}", instruction);
        traits |= FunctionTraits.MemoryAccess;
        return context.MemoryTypes[index];
    }

    private static ValueType AddressOf(TableType table) => table.Is64 ? ValueType.I64 : ValueType.I32;

    private static ValueType AddressOf(MemoryType memory) => memory.Is64 ? ValueType.I64 : ValueType.I32;

    /// <summary>The smaller of two address types: what a length spanning both may be.</summary>
    private static ValueType MinAddress(ValueType a, ValueType b) => a.Kind == ValueKind.I64 ? b : a;
}
