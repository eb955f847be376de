using Heron.Binary;
using Heron.Instructions;
using Heron.Model;
using Heron.Validation;

namespace Heron.Compilation;

/// <summary>
/// Plans how a function body too big for the .NET JIT's optimiser is cut into methods (see
/// <see cref="SplitLimits"/>). One pass over the body, bottom-up: when a block arm closes and holds more
/// code than the arm budget, runs of its statements are outlined, each a <see cref="SplitRegion"/>;
/// what an arm outlined no longer counts towards the arms around it. A statement boundary is a point
/// where the block's operand stack is empty and the code reachable, which only the validator's typing
/// knows: the body is validated again, recording the stack's shape before each instruction.
/// Runs inside try_table or legacy try, or holding them, are never outlined (a throw caught in the
/// function's own code jumps to the handler), nor runs with a tail call (it would leave the outlined
/// method, not the function) or a branch that carries values out of the run.
/// </summary>
internal static class FunctionSplitter
{
    /// <summary>What a call to an outlined run is counted as, plus this much per local it passes.</summary>
    private const int CallCost = 24, CallCostPerLocal = 3;

    /// <summary>
    /// The regions to outline from function <paramref name="functionIndex"/> under the engine's settings, or
    /// null. Code with fuel or epoch checks is never split (the fuel lives in a local of the function).
    /// </summary>
    public static Dictionary<int, SplitRegion>? For(EngineConfig config, WasmModule module, int functionIndex) =>
        config.ConsumeFuel || config.EpochInterruption ? null : Plan(module, functionIndex, SplitLimits.For(config, module, functionIndex));

    /// <summary>The regions of function <paramref name="functionIndex"/>, or null when it is not split.</summary>
    public static Dictionary<int, SplitRegion>? Plan(WasmModule module, int functionIndex, SplitLimits limits)
    {
        var body = module.Bodies[functionIndex - module.ImportedFunctionCount];
        if (body.Code.Length <= limits.SplitAbove || body.Code.Length >= limits.SplitBelow) return null;
        var planner = new Planner(module, limits, ShapesOf(module, functionIndex, body));
        planner.Walk(module.FunctionTypeOf(functionIndex), body);
        return planner.Regions.Count == 0 ? null : planner.Regions;
    }

    private static StackShapeList ShapesOf(WasmModule module, int functionIndex, FunctionBody body)
    {
        var referenced = new bool[module.FunctionCount];
        // The body is valid: ref.func needs no declaration check here (a loop: Array.Fill<bool> is JIT-compiled).
        for (int i = 0; i < referenced.Length; i++) referenced[i] = true;
        var validator = new FunctionValidator(new ValidationContext(module, (WasmFeatures)~0, referenced)) { Shapes = new StackShapeList() };
        validator.ValidateFunction(functionIndex, body);
        return validator.Shapes!;
    }

    /// <summary>What a statement (or a run of them) does that matters for outlining it.</summary>
    private sealed class Summary
    {
        public HashSet<int> Exits = new();
        public HashSet<int> Locals = new();
        public HashSet<int> Written = new();
        public bool Blocked;

        /// <summary>
        /// As <see cref="Absorb"/>, for the summary of a statement of a closed arm of frame
        /// <paramref name="armFrame"/>, which is not read again: its sets are taken over when this summary's
        /// are empty. Copying them instead made deep nesting quadratic: a switch of 4,096 cases is 4,096
        /// nested blocks around a <c>br_table</c> with as many exits, copied one level out at a time
        /// (measured: shootout-switch's planning took longer than compiling the program).
        /// </summary>
        public void AbsorbClosed(Summary other, int outside, int armFrame)
        {
            if (Exits.Count == 0)
            {
                (Exits, other.Exits) = (other.Exits, Exits);
                // Its exits are frames up to its arm's; those past outside were closed.
                for (int frame = outside + 1; frame <= armFrame; frame++) Exits.Remove(frame);
            }
            else
                foreach (var exit in other.Exits)
                    if (exit <= outside) Exits.Add(exit);
            if (Locals.Count == 0) (Locals, other.Locals) = (other.Locals, Locals);
            else Locals.UnionWith(other.Locals);
            if (Written.Count == 0) (Written, other.Written) = (other.Written, Written);
            else Written.UnionWith(other.Written);
            Blocked |= other.Blocked;
        }

        public void Absorb(Summary other, int outside)
        {
            foreach (var exit in other.Exits)
                if (exit <= outside) Exits.Add(exit);
            Locals.UnionWith(other.Locals);
            Written.UnionWith(other.Written);
            Blocked |= other.Blocked;
        }
    }

    private sealed class Statement(int start)
    {
        /// <summary>Module offset of its first instruction; -1 when it does not start at an empty stack.</summary>
        public int Start { get; } = start;
        public int End { get; set; }
        /// <summary>Code already outlined inside it.</summary>
        public long Saved { get; set; }
        public bool EndsUnreachable { get; set; }
        /// <summary>It ends with the block's results on the stack (the last statement of a block with results).</summary>
        public bool EndsHolding { get; set; }
        public Summary Summary { get; } = new();
        public long Size => End - Start - Saved;
    }

    private sealed class Arm(int frame, bool inTry)
    {
        public int Frame { get; } = frame;
        /// <summary>Inside a try_table or legacy try: never outlined from.</summary>
        public bool InTry { get; } = inTry;
        public List<Statement> Statements { get; } = new();
        public Statement? Current { get; set; }

        public Statement CurrentOrOpen()
        {
            if (Current is null)
            {
                Current = new Statement(-1);
                Statements.Add(Current);
            }
            return Current;
        }
    }

    private sealed class Planner(WasmModule module, SplitLimits limits, StackShapeList shapes)
    {
        public Dictionary<int, SplitRegion> Regions { get; } = new();
        private readonly List<int> labelArity = new();
        private readonly List<Arm> arms = new();

        public void Walk(FunctionType type, FunctionBody body)
        {
            labelArity.Add(type.Results.Count);
            arms.Add(new Arm(0, inTry: false));
            var reader = new InstructionReader(module.Bytes, body.Code.Start, body.Code.End);
            var ordinal = 0;
            while (!reader.AtEnd)
            {
                var instruction = reader.Read();
                var shape = shapes[ordinal++];
                var arm = arms[^1];
                switch (instruction.Opcode)
                {
                    case Opcode.Else or Opcode.Catch or Opcode.CatchAll or Opcode.End or Opcode.Delegate:
                        Close(arm, instruction.Offset, shape);
                        arms.RemoveAt(arms.Count - 1);
                        if (arms.Count == 0) return; // the function's end
                        var parent = arms[^1].CurrentOrOpen();
                        foreach (var statement in arm.Statements)
                        {
                            parent.Summary.AbsorbClosed(statement.Summary, arms[^1].Frame, arm.Frame);
                            parent.Saved += statement.Saved;
                        }
                        if (instruction.Opcode is Opcode.End or Opcode.Delegate) labelArity.RemoveAt(labelArity.Count - 1);
                        else arms.Add(new Arm(arm.Frame, arm.InTry));
                        continue;
                }
                if (shape == StackShape.Empty)
                {
                    if (arm.Current is { } open) open.End = instruction.Offset;
                    arm.Current = new Statement(instruction.Offset);
                    arm.Statements.Add(arm.Current);
                }
                Record(arm, arm.CurrentOrOpen().Summary, in instruction);
            }
        }

        private void Record(Arm arm, Summary summary, in Instruction instruction)
        {
            var opcode = instruction.Opcode;
            switch (opcode)
            {
                case Opcode.Block or Opcode.Loop or Opcode.If or Opcode.TryTable or Opcode.Try:
                {
                    var block = instruction.Block;
                    var function = block.HasTypeIndex ? module.Types[block.TypeIndex].FunctionType : null;
                    var arity = opcode == Opcode.Loop ? function?.Parameters.Count ?? 0
                        : function?.Results.Count ?? (block.Result is null ? 0 : 1);
                    labelArity.Add(arity);
                    var isTry = opcode is Opcode.TryTable or Opcode.Try;
                    if (isTry) summary.Blocked = true;
                    arms.Add(new Arm(labelArity.Count - 1, arm.InTry || isTry));
                    return;
                }
                case Opcode.Return:
                    summary.Exits.Add(0);
                    return;
                case Opcode.ReturnCall or Opcode.ReturnCallIndirect or Opcode.ReturnCallRef or Opcode.Rethrow:
                    summary.Blocked = true;
                    return;
                case Opcode.LocalGet:
                    summary.Locals.Add((int)instruction.Index);
                    return;
                case Opcode.LocalSet or Opcode.LocalTee:
                    summary.Locals.Add((int)instruction.Index);
                    summary.Written.Add((int)instruction.Index);
                    return;
            }
            switch (instruction.Info.Immediate)
            {
                case ImmediateKind.Label or ImmediateKind.BrOnCast:
                    Branch(arm, summary, (int)instruction.Index);
                    break;
                case ImmediateKind.LabelTable:
                    foreach (var label in instruction.Labels!) Branch(arm, summary, label);
                    break;
            }
        }

        private void Branch(Arm arm, Summary summary, int label)
        {
            var frame = labelArity.Count - 1 - label;
            if (frame <= arm.Frame) summary.Exits.Add(frame);
        }

        /// <summary>The arm of frame <paramref name="arm"/> ends at <paramref name="offset"/> (its end, else or catch).</summary>
        private void Close(Arm arm, int offset, StackShape shape)
        {
            if (arm.Current is { } last)
            {
                last.End = offset;
                last.EndsUnreachable = shape == StackShape.Unreachable;
                last.EndsHolding = shape == StackShape.Holding;
            }
            if (arm.InTry) return;
            long size = 0;
            foreach (var statement in arm.Statements) size += statement.Size;
            if (size > limits.ArmBudget) Outline(arm);
        }

        private void Outline(Arm arm)
        {
            var run = new List<Statement>();
            long runSize = 0;
            foreach (var statement in arm.Statements)
            {
                if (!Outlinable(statement))
                {
                    Flush(arm, run, runSize);
                    run.Clear();
                    runSize = 0;
                    continue;
                }
                if (runSize + statement.Size > limits.MaxRegion)
                {
                    Flush(arm, run, runSize);
                    run.Clear();
                    runSize = 0;
                }
                run.Add(statement);
                runSize += statement.Size;
                if (runSize >= limits.RunTarget)
                {
                    Flush(arm, run, runSize);
                    run.Clear();
                    runSize = 0;
                }
            }
            Flush(arm, run, runSize);
        }

        private bool Outlinable(Statement statement)
        {
            if (statement.Start < 0 || statement.EndsHolding || statement.Summary.Blocked) return false;
            if (statement.Summary.Exits.Count > limits.MaxExits) return false;
            foreach (var exit in statement.Summary.Exits)
                if (exit != 0 && labelArity[exit] != 0) return false;
            return true;
        }

        /// <summary>Makes <paramref name="run"/> a region if it is worth a call; it then counts as the call in its arm.</summary>
        private void Flush(Arm arm, List<Statement> run, long runSize)
        {
            // Too little is not worth a call; too much would be over the JIT's limits again, only one call deeper.
            if (run.Count == 0 || runSize < limits.MinRun || runSize > limits.MaxRegion) return;
            var summary = new Summary();
            foreach (var statement in run) summary.Absorb(statement.Summary, arm.Frame);
            var exits = summary.Exits.ToArray();
            Array.Sort(exits);
            var locals = summary.Locals.ToArray();
            Array.Sort(locals);
            var region = new SplitRegion
            {
                Start = run[0].Start,
                End = run[^1].End,
                Depth = arm.Frame + 1,
                EndsUnreachable = run[^1].EndsUnreachable,
                Exits = exits,
                Locals = locals,
                Written = summary.Written,
                Number = Regions.Count,
            };
            Regions.Add(region.Start, region);
            // The run now costs its arm a call: the code it held no longer counts there.
            var first = run[0];
            first.Saved += Math.Max(0, runSize - CallCost - CallCostPerLocal * locals.Length);
        }
    }
}
