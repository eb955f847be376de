using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// The largest address each memory access of a function body can be given, where its value is bounded:
/// an abstract interpretation of the body, before it is compiled, over the largest unsigned value of every
/// i32 operand and local. Bounds come from constants, masks (<c>and</c>), shifts, narrow loads, remainders,
/// and the comparisons of a local with a constant that a <c>br_if</c> or <c>if</c> branches on (on the way
/// where <c>i &lt;u 8193</c> held, <c>i</c> is at most 8192). A loop's locals start from a guess (their
/// values on entry) that is checked against every branch back to the loop; where a branch brings a larger
/// value the body is analysed again from the larger one, and after two rounds a local still growing is
/// given up on, so each loop settles within a few rounds. An access whose largest address plus offset and
/// size lies within the memory's declared minimum cannot fail its bounds check, which
/// <see cref="MemoryEmitter"/> then leaves out (sieve's inner loop stores below 12 KB of a 128 KB memory).
/// Only 32-bit addresses are followed. An instruction the analysis does not model (exception handling,
/// references, GC), or a body needing more than <see cref="BudgetPerByte"/> instructions read per byte,
/// makes it give up on the whole function: the compiler then checks every access as before.
/// </summary>
internal sealed class AddressBounds
{
    /// <summary>How many instructions may be read per byte of body (loops are read again until they settle).</summary>
    private const int BudgetPerByte = 2;

    /// <summary>Rounds a loop gets before a local still growing at its head is taken as unbounded.</summary>
    private const int RoundsBeforeWidening = 2;

    /// <summary>Per byte of the body, the largest address of the access starting there (<see cref="uint.MaxValue"/>: none known).</summary>
    private readonly uint[] maxima;
    private readonly int start;

    private AddressBounds(int start, int end)
    {
        this.start = start;
        maxima = new uint[end - start];
        for (int i = 0; i < maxima.Length; i++) maxima[i] = uint.MaxValue; // not Array.Fill: generic framework code the tool's start would JIT
    }

    /// <summary>Bodies larger than this are not analysed: the time grows with their branches times their locals.</summary>
    private const int MaxBodyBytes = 8 * 1024;

    /// <summary>
    /// Whether a body is worth the analysis: one with a loop (where a check left out is saved many times)
    /// that indexes static data (tables and arrays at fixed addresses, the accesses a bound can prove),
    /// and not too large (the analysis is a cost of every start).
    /// </summary>
    public static bool Worthwhile(BodyScan scan, int bodyBytes) =>
        scan.IndexesStaticData && scan.LoopAssignments.Count > 0 && bodyBytes <= MaxBodyBytes;

    /// <summary>The largest address the memory access at <paramref name="offset"/> can be given, when one is known.</summary>
    public bool TryGetMaximum(int offset, out uint max)
    {
        var index = offset - start;
        max = (uint)index < (uint)maxima.Length ? maxima[index] : uint.MaxValue;
        return max != uint.MaxValue;
    }

    /// <summary>The bounds for the body in <c>[start, end)</c>, or null when the analysis gives up.</summary>
    public static AddressBounds? Analyze(WasmModule module, int start, int end, ValueType[] localTypes, int parameterCount)
    {
        var result = new AddressBounds(start, end);
        var run = new Interpreter(module, localTypes, parameterCount, result, budget: (long)(end - start) * BudgetPerByte + 256);
        return run.Run(start, end) ? result : null;
    }

    private sealed class Frame
    {
        public Opcode Kind;
        public int Height;          // the operand stack's height below the block's parameters
        public int LabelArity;      // values a branch to this label carries
        public int ResultCount;
        public uint[]? EndLocals;   // join of the locals on every edge reaching the end so far
        public uint[]? EndResults;
        public uint[]? ElseLocals;  // an if's locals where its condition was false
        public BoundedValue[]? ElseParams;
        public bool HasElse;
        public int BodyStart;       // a loop's first instruction
        public uint[]? Header;      // a loop's locals as assumed at its head
        public uint[]? BackEdge;    // join of the locals on every branch back to the head
        public uint[]? Hints;       // the same, had every signed test bounded its local (a guess to try)
        public uint[]? Entry;       // a loop's locals on entry
        public uint[]? Widened;     // the head that settled after widening, while a narrower one is tried
        public bool Narrowing;
        public bool Settled;        // narrowing was tried and failed: keep the widened head
        public int Rounds;
    }

    private sealed class Interpreter(WasmModule module, ValueType[] localTypes, int parameterCount, AddressBounds result, long budget)
    {
        private readonly BoundedStack stack = new();
        private readonly List<Frame> frames = new();
        private uint[] locals = new uint[localTypes.Length];
        private bool reachable = true;
        private int skipDepth;

        public bool Run(int start, int end)
        {
            for (int i = 0; i < locals.Length; i++)
                locals[i] = i < parameterCount || !IsI32(localTypes[i]) ? uint.MaxValue : 0; // declared locals start at zero
            frames.Add(new Frame { Kind = Opcode.Block, LabelArity = 0, ResultCount = 0 });
            var reader = new InstructionReader(module.Bytes, start, end);
            while (!reader.AtEnd)
            {
                if (--budget < 0) return false;
                var instruction = reader.Read();
                if (!reachable)
                {
                    if (!Skip(in instruction)) continue;
                }
                if (!Step(in instruction, ref reader, end, out var done)) return false;
                if (done) return true;
            }
            return true;
        }

        /// <summary>In unreachable code: true for the else or end that makes code reachable again (to be stepped).</summary>
        private bool Skip(in Instruction instruction)
        {
            switch (instruction.Opcode)
            {
                case Opcode.Block or Opcode.Loop or Opcode.If or Opcode.TryTable or Opcode.Try:
                    skipDepth++;
                    return false;
                case Opcode.Else:
                    return skipDepth == 0;
                case Opcode.End:
                    if (skipDepth == 0) return true;
                    skipDepth--;
                    return false;
                default:
                    return false;
            }
        }

        private bool Step(in Instruction instruction, ref InstructionReader reader, int end, out bool done)
        {
            done = false;
            var opcode = instruction.Opcode;
            switch (opcode)
            {
                case Opcode.Nop:
                    return true;
                case Opcode.Block:
                    Open(Opcode.Block, instruction.Block);
                    return true;
                case Opcode.Loop:
                {
                    var frame = Open(Opcode.Loop, instruction.Block);
                    frame.BodyStart = reader.Position;
                    frame.Header = (uint[])locals.Clone();
                    frame.Entry = (uint[])locals.Clone();
                    EnterLoop(frame);
                    return true;
                }
                case Opcode.If:
                {
                    var condition = Pop();
                    var frame = Open(Opcode.If, instruction.Block);
                    frame.ElseLocals = (uint[])locals.Clone();
                    Refine(frame.ElseLocals, condition, held: false);
                    frame.ElseParams = stack.CopyFrom(frame.Height);
                    Refine(locals, condition, held: true);
                    return true;
                }
                case Opcode.Else:
                {
                    var frame = frames[^1];
                    if (reachable) JoinEnd(frame, locals);
                    Truncate(frame.Height);
                    stack.AddRange(frame.ElseParams!);
                    locals = frame.ElseLocals!;
                    frame.HasElse = true;
                    reachable = true;
                    return true;
                }
                case Opcode.End:
                    done = End(ref reader, end);
                    return true;
                case Opcode.Br:
                    Branch((int)instruction.Index, locals, locals);
                    reachable = false;
                    return true;
                case Opcode.BrIf:
                {
                    var condition = Pop();
                    BranchWhere(condition, (int)instruction.Index);
                    Refine(locals, condition, held: false);
                    return true;
                }
                case Opcode.BrTable:
                    Pop();
                    foreach (var label in instruction.Labels!) Branch(label, locals, locals);
                    reachable = false;
                    return true;
                case Opcode.Return or Opcode.Unreachable:
                    reachable = false;
                    return true;
                case Opcode.Drop:
                    Pop();
                    return true;
                case Opcode.Select or Opcode.SelectTyped:
                {
                    Pop();
                    var b = Pop();
                    var a = Pop();
                    stack.Add(new BoundedValue(Math.Max(a.Max, b.Max)));
                    return true;
                }
                case Opcode.LocalGet:
                {
                    var local = (int)instruction.Index;
                    stack.Add(new BoundedValue(locals[local], Local: local));
                    return true;
                }
                case Opcode.LocalSet or Opcode.LocalTee:
                {
                    var local = (int)instruction.Index;
                    var value = Pop();
                    Assign(local, value.Max);
                    if (opcode == Opcode.LocalTee)
                        stack.Add(new BoundedValue(locals[local], Local: local, Test: value.Test.Local == local ? default : value.Test));
                    return true;
                }
                case Opcode.GlobalGet:
                    stack.Add(BoundedValue.Unknown);
                    return true;
                case Opcode.GlobalSet:
                    Pop();
                    return true;
                case Opcode.I32Const:
                    stack.Add(BoundedValue.Constant((uint)instruction.Value));
                    return true;
                case Opcode.Call or Opcode.ReturnCall:
                    return Call(module.FunctionTypeOf((int)instruction.Index), extra: 0, tail: opcode == Opcode.ReturnCall);
                case Opcode.CallIndirect or Opcode.ReturnCallIndirect or Opcode.CallRef or Opcode.ReturnCallRef:
                    return Call(module.Types[(int)instruction.Index].FunctionType, extra: 1,
                        tail: opcode is Opcode.ReturnCallIndirect or Opcode.ReturnCallRef);
                case Opcode.MemorySize:
                    stack.Add(BoundedValue.Unknown);
                    return true;
                case Opcode.MemoryGrow:
                    Pop();
                    stack.Add(BoundedValue.Unknown);
                    return true;
                case Opcode.MemoryFill or Opcode.MemoryCopy or Opcode.MemoryInit:
                    Pop();
                    Pop();
                    Pop();
                    return true;
                case Opcode.DataDrop:
                    return true;
                case Opcode.Try or Opcode.TryTable or Opcode.Catch or Opcode.CatchAll or Opcode.Delegate
                    or Opcode.Throw or Opcode.ThrowRef or Opcode.Rethrow:
                    return false;
            }
            var info = instruction.Info;
            // Not modelled (an instruction typed by special rules, or one that branches, throws or
            // catches, whose edges the state would miss): give up on the function.
            if (info.Operands is null || info.Results is null || info.Immediate is ImmediateKind.BlockType or ImmediateKind.Label
                or ImmediateKind.LabelTable or ImmediateKind.TryTable or ImmediateKind.BrOnCast or ImmediateKind.Tag) return false;
            if (info.IsMemoryAccess)
            {
                var address = stack[stack.Count - info.Operands.Length];
                result.maxima[instruction.Offset - result.start] = address.Max; // a later reading of a loop overwrites an earlier
                for (int i = 0; i < info.Operands.Length; i++) Pop();
                for (int i = 0; i < info.Results.Length; i++)
                    stack.Add(opcode switch
                    {
                        Opcode.I32Load8U => new BoundedValue(byte.MaxValue),
                        Opcode.I32Load16U => new BoundedValue(ushort.MaxValue),
                        _ => BoundedValue.Unknown,
                    });
                return true;
            }
            if (info.Operands.Length == 2 && info.Results.Length == 1)
            {
                var b = Pop();
                var a = Pop();
                stack.Add(BoundedValue.Binary(opcode, a, b));
                return true;
            }
            if (info.Operands.Length == 1 && info.Results.Length == 1)
            {
                stack.Add(BoundedValue.Unary(opcode, Pop()));
                return true;
            }
            for (int i = 0; i < info.Operands.Length; i++) Pop();
            for (int i = 0; i < info.Results.Length; i++) stack.Add(BoundedValue.Unknown);
            return true;
        }

        private bool Call(FunctionType type, int extra, bool tail)
        {
            for (int i = 0; i < type.Parameters.Count + extra; i++) Pop();
            if (tail)
            {
                reachable = false;
                return true;
            }
            for (int i = 0; i < type.Results.Count; i++) stack.Add(BoundedValue.Unknown);
            return true;
        }

        private Frame Open(Opcode kind, BlockType block)
        {
            var (parameters, results) = Arity(block);
            var frame = new Frame
            {
                Kind = kind,
                Height = stack.Count - parameters,
                LabelArity = kind == Opcode.Loop ? parameters : results,
                ResultCount = results,
            };
            frames.Add(frame);
            return frame;
        }

        /// <summary>
        /// The body of a loop starts (again) from its assumed head: its parameters, brought by branches back
        /// too, are not followed, and no operand is known to equal a local any more (a later round
        /// may have changed the local).
        /// </summary>
        private void EnterLoop(Frame frame)
        {
            locals = (uint[])frame.Header!.Clone();
            for (int i = 0; i < stack.Count; i++)
                stack[i] = i >= frame.Height ? BoundedValue.Unknown : new BoundedValue(stack[i].Max, stack[i].IsConstant);
            frame.BackEdge = null;
            frame.Hints = null;
        }

        /// <returns>True when the function's own end was reached.</returns>
        private bool End(ref InstructionReader reader, int end)
        {
            var frame = frames[^1];
            if (frame.Kind == Opcode.Loop && NextHead(frame) is { } head)
            {
                // Read the body again from the new head.
                frame.Header = head;
                Truncate(frame.Height);
                for (int i = 0; i < frame.LabelArity; i++) stack.Add(BoundedValue.Unknown);
                EnterLoop(frame);
                reachable = true;
                skipDepth = 0;
                reader = new InstructionReader(module.Bytes, frame.BodyStart, end);
                return false;
            }
            frames.RemoveAt(frames.Count - 1);
            if (frame.Kind == Opcode.Loop) return false; // what falls out of the loop's end goes on as it is
            if (reachable) JoinEnd(frame, locals);
            if (frame.Kind == Opcode.If && !frame.HasElse)
            {
                // No else: the false way reaches the end with the if's parameters as its results.
                var saved = stack.Count;
                stack.AddRange(frame.ElseParams!);
                JoinEnd(frame, frame.ElseLocals!);
                Truncate(saved);
            }
            if (frames.Count == 0) return true;
            Truncate(frame.Height);
            if (frame.EndLocals is null)
            {
                reachable = false; // nothing reaches the end: what follows is unreachable
                return false;
            }
            locals = frame.EndLocals;
            foreach (var max in frame.EndResults!) stack.Add(new BoundedValue(max));
            reachable = true;
            return false;
        }

        /// <summary>
        /// The head a loop's body must be read again from, or null when the last reading settled. A branch
        /// back with larger values than assumed grows the head to them; a local still growing after
        /// <see cref="RoundsBeforeWidening"/> rounds is widened to unbounded. A head that settled after
        /// widening is then narrowed once: each unbounded local to the larger of its entry value and what
        /// the branches back gave it (had their signed tests bounded it), kept when it settles in its turn.
        /// </summary>
        private static uint[]? NextHead(Frame frame)
        {
            var header = frame.Header!;
            if (frame.BackEdge is { } back && !Within(back, header))
            {
                if (frame.Narrowing)
                {
                    frame.Narrowing = false;
                    frame.Settled = true;
                    return frame.Widened;
                }
                frame.Rounds++;
                var grown = (uint[])header.Clone();
                for (int i = 0; i < grown.Length; i++)
                    if (back[i] > grown[i]) grown[i] = frame.Rounds >= RoundsBeforeWidening ? uint.MaxValue : back[i];
                return grown;
            }
            if (frame.Narrowing || frame.Settled || frame.Rounds < RoundsBeforeWidening || frame.Hints is not { } hints) return null;
            var narrowed = (uint[])header.Clone();
            var changed = false;
            for (int i = 0; i < narrowed.Length; i++)
            {
                if (header[i] != uint.MaxValue) continue;
                narrowed[i] = Math.Max(frame.Entry![i], hints[i]);
                changed |= narrowed[i] != uint.MaxValue;
            }
            if (!changed) return null;
            frame.Widened = header;
            frame.Narrowing = true;
            return narrowed;
        }

        /// <summary>
        /// A branch to the label <paramref name="depth"/> frames out, with <paramref name="state"/> as the
        /// locals (<paramref name="hint"/>: as they would be had a signed test bounded its local).
        /// </summary>
        private void Branch(int depth, uint[] state, uint[] hint)
        {
            var frame = frames[frames.Count - 1 - depth];
            if (frames.Count - 1 - depth == 0) return; // the function's own label: a return
            if (frame.Kind == Opcode.Loop)
            {
                frame.BackEdge = Join(frame.BackEdge, state);
                frame.Hints = Join(frame.Hints, hint);
            }
            else JoinEnd(frame, state);
        }

        /// <summary>An edge reaches <paramref name="frame"/>'s end with <paramref name="state"/> as the locals and its results on top of the stack.</summary>
        private void JoinEnd(Frame frame, uint[] state)
        {
            var arity = frame.LabelArity;
            var first = frame.EndLocals is null;
            frame.EndLocals = Join(frame.EndLocals, state);
            var results = frame.EndResults ??= new uint[arity];
            for (int i = 0; i < arity; i++)
            {
                var max = stack[stack.Count - arity + i].Max;
                results[i] = first ? max : Math.Max(results[i], max);
            }
        }

        private static uint[] Join(uint[]? met, uint[] state)
        {
            if (met is null) return (uint[])state.Clone();
            for (int i = 0; i < met.Length; i++) met[i] = Math.Max(met[i], state[i]);
            return met;
        }

        private static bool Within(uint[] values, uint[] bounds)
        {
            for (int i = 0; i < values.Length; i++)
                if (values[i] > bounds[i]) return false;
            return true;
        }

        /// <summary>Bounds <paramref name="state"/>'s locals as they are where <paramref name="condition"/> is <paramref name="held"/> (true: non-zero).</summary>
        private static void Refine(uint[] state, BoundedValue condition, bool held)
        {
            var test = condition.Test;
            if (test.IsKnown && test.MaxWhen(held, state[test.Local]) is { } max) state[test.Local] = Math.Min(state[test.Local], max);
        }

        /// <summary>
        /// A br_if's branch, taken where <paramref name="condition"/> held: the tested local bounded for the
        /// edge alone (and, for the loop's guess, as a signed test would bound it), then restored.
        /// </summary>
        private void BranchWhere(BoundedValue condition, int depth)
        {
            var test = condition.Test;
            if (!test.IsKnown)
            {
                Branch(depth, locals, locals);
                return;
            }
            var local = test.Local;
            var before = locals[local];
            var hint = locals;
            if (test.Guess(held: true) is { } guess && guess < before)
            {
                hint = (uint[])locals.Clone();
                hint[local] = guess;
            }
            Refine(locals, condition, held: true);
            Branch(depth, locals, hint);
            locals[local] = before;
        }

        /// <summary>Local <paramref name="local"/> gets a value at most <paramref name="max"/>: no operand equals it or tests it any more.</summary>
        private void Assign(int local, uint max)
        {
            locals[local] = IsI32(localTypes[local]) ? max : uint.MaxValue;
            for (int i = 0; i < stack.Count; i++)
            {
                var value = stack[i];
                if (value.Local == local || value.Test.Local == local && value.Test.IsKnown)
                    stack[i] = new BoundedValue(value.Max, value.IsConstant);
            }
        }

        /// <summary>By kind: a record's equality would bring the framework's generic comparers to the tool's start.</summary>
        private static bool IsI32(ValueType type) => type.Kind == ValueKind.I32;

        private BoundedValue Pop() => stack.Pop();

        private void Truncate(int height) => stack.Truncate(height);

        private (int Parameters, int Results) Arity(BlockType block)
        {
            if (block.HasTypeIndex)
            {
                var type = module.Types[block.TypeIndex].FunctionType;
                return (type.Parameters.Count, type.Results.Count);
            }
            return (0, block.Result is null ? 0 : 1);
        }
    }
}
