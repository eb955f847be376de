using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;
using Heron.Runtime.Exceptions;

namespace Heron.Compilation;

/// <summary>
/// WebAssembly exceptions as .NET exceptions. <c>throw</c> fills a <see cref="ThrownException"/> with its
/// tag and payload and throws it with CIL <c>throw</c>; <c>throw_ref</c> throws the object an exnref
/// holds. A try_table is a CIL protected region (see <see cref="TryRegion"/>) whose one handler catches
/// <see cref="ThrownException"/> only, so traps (<see cref="TrapException"/>, the bounds checks'
/// <see cref="OverflowException"/>) and host errors pass through every WebAssembly handler, catch_all
/// included. After the region, the caught exception's tag is compared by identity with each clause's
/// tag in order; the first match pushes the payload (and the exnref) and branches to the clause's label,
/// and no match throws the exception on.
/// </summary>
internal static class ExceptionEmitter
{
    private static readonly FieldInfo ContextTags = typeof(InstanceContext).GetField(nameof(InstanceContext.Tags))!;
    private static readonly MethodInfo Create = CilTypes.Method(typeof(ExceptionHelpers), nameof(ExceptionHelpers.Create));
    private static readonly MethodInfo Rethrow = CilTypes.Method(typeof(ExceptionHelpers), nameof(ExceptionHelpers.Rethrow));
    private static readonly MethodInfo GetTag = CilTypes.Method(typeof(ThrownException), "get_" + nameof(ThrownException.Tag));
    private static readonly MethodInfo GetSlots = CilTypes.Method(typeof(ThrownException), "get_Slots");
    private static readonly ValueType NonNullExnRef = ValueType.Ref(HeapType.Exn, nullable: false);

    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Throw:
                Throw(c, (int)instruction.Index);
                return true;
            case Opcode.ThrowRef:
                c.Pop();
                c.IL.Call(Rethrow);
                c.IL.Emit(OpCodes.Throw);
                EndUnconditional(c);
                return true;
            case Opcode.TryTable:
                BeginTryTable(c, in instruction);
                return true;
            default:
                return false;
        }
    }

    private static void EndUnconditional(FunctionCompiler c)
    {
        c.Reachable = false;
        c.SetHeight(c.Control[^1].Height);
    }

    private static void Throw(FunctionCompiler c, int tag)
    {
        var il = c.IL;
        var payload = c.Module.Types[c.Module.TagTypeIndex(tag)].FunctionType.Parameters;
        var temps = c.Spill(payload.Count);
        c.Pop(payload.Count);
        c.LoadContext();
        il.Load(ContextTags);
        il.Int32(tag);
        il.Emit(OpCodes.Ldelem_Ref);
        il.Int32(payload.Count);
        il.Emit(OpCodes.Newarr, typeof(ExceptionSlot));
        for (int i = 0; i < temps.Length; i++)
        {
            il.Emit(OpCodes.Dup);
            il.Int32(i);
            il.Emit(OpCodes.Ldelema, typeof(ExceptionSlot));
            il.LoadLocal(temps[i]);
            il.Store(SlotField(payload[i]));
            il.Return(temps[i]);
        }
        il.Call(Create);
        il.Emit(OpCodes.Throw);
        EndUnconditional(c);
    }

    private static FieldInfo SlotField(ValueType type) => typeof(ExceptionSlot).GetField(type.Kind switch
    {
        ValueKind.I32 => nameof(ExceptionSlot.I32),
        ValueKind.I64 => nameof(ExceptionSlot.I64),
        ValueKind.F32 => nameof(ExceptionSlot.F32),
        ValueKind.F64 => nameof(ExceptionSlot.F64),
        ValueKind.V128 => nameof(ExceptionSlot.V128),
        _ => nameof(ExceptionSlot.Ref),
    })!;

    /// <summary>
    /// Spills the block's parameters and every operand of the enclosing code below them, opens the
    /// region and reloads the parameters inside it.
    /// </summary>
    private static void BeginTryTable(FunctionCompiler c, in Instruction instruction)
    {
        var il = c.IL;
        var parameters = c.BlockParams(instruction.Block);
        var floor = c.Floor;
        var parameterTemps = c.Spill(parameters.Length);
        c.Pop(parameters.Length);
        var outer = new LocalBuilder[c.Stack.Count - floor];
        for (int i = outer.Length - 1; i >= 0; i--)
        {
            outer[i] = il.Rent(CilTypes.Of(c.Stack[floor + i]));
            il.StoreLocal(outer[i]);
        }
        var frame = new ControlFrame
        {
            Kind = Opcode.TryTable,
            Params = parameters,
            Results = c.BlockResults(instruction.Block),
            Height = c.Stack.Count,
            Label = il.DefineLabel(),
            Try = new TryRegion { Base = floor, Outer = outer, Catches = instruction.Catches! },
        };
        // A region must not open at a branch target that also opens another region (nested try_tables right
        // after a block's end): the .NET JIT crashes on that shape. The nop gives each region its own start.
        il.Emit(OpCodes.Nop);
        il.BeginTry();
        c.Reload(parameterTemps);
        c.Stack.AddRange(parameters);
        c.Control.Add(frame);
        c.OpenTries++;
    }

    /// <summary>
    /// A branch from inside the innermost region to <paramref name="target"/>, outside it (or to the
    /// try_table itself, whose end is after the region): the carried values go to the landing's
    /// temporaries and <c>leave</c> exits the region.
    /// </summary>
    public static void Leave(FunctionCompiler c, ControlFrame target, bool conditional)
    {
        var il = c.IL;
        var landing = c.InnermostTry()!.LandingFor(target, il);
        Label skip = default;
        if (conditional)
        {
            skip = il.DefineLabel();
            il.Emit(OpCodes.Brfalse, skip);
        }
        for (int i = landing.Carried.Length - 1; i >= 0; i--) il.StoreLocal(landing.Carried[i]);
        il.Emit(OpCodes.Leave, landing.Label);
        if (conditional) il.Mark(skip);
    }

    /// <summary>
    /// The end of a try_table: the fall-through leaves to the end, the handler catches WebAssembly
    /// exceptions, then (outside the region) the catch clauses are dispatched and the landings placed.
    /// </summary>
    public static void EndTryTable(FunctionCompiler c, ControlFrame frame)
    {
        var il = c.IL;
        var region = frame.Try!;
        if (c.Reachable) Leave(c, frame, conditional: false);
        il.BeginCatch(typeof(ThrownException));
        var exception = il.Rent(typeof(ThrownException));
        il.StoreLocal(exception);
        il.EndTry();
        frame.Try = null;
        c.OpenTries--;

        c.SetHeight(frame.Height);
        c.Reachable = true;
        c.Interrupts?.AfterCatch();
        foreach (var clause in region.Catches)
        {
            // Catch labels count from the block around the try_table.
            var target = c.Control[^(2 + clause.Label)];
            var next = il.DefineLabel();
            if (clause.HasTag)
            {
                il.LoadLocal(exception);
                il.Call(GetTag);
                c.LoadContext();
                il.Load(ContextTags);
                il.Int32(clause.Tag);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Bne_Un, next);
            }
            var saved = c.Stack.Save();
            ReloadOuter(c, region, target);
            if (clause.HasTag)
            {
                var payload = c.Module.Types[c.Module.TagTypeIndex(clause.Tag)].FunctionType.Parameters;
                for (int i = 0; i < payload.Count; i++)
                {
                    il.LoadLocal(exception);
                    il.Call(GetSlots);
                    il.Int32(i);
                    il.Emit(OpCodes.Ldelema, typeof(ExceptionSlot));
                    il.Load(SlotField(payload[i]));
                    c.Push(payload[i]);
                }
            }
            if (clause.PushesExnRef)
            {
                il.LoadLocal(exception);
                c.Push(NonNullExnRef);
            }
            ControlEmitter.BranchTo(c, target);
            c.Stack.Restore(saved);
            il.Mark(next);
            if (!clause.HasTag) break; // a catch_all takes every exception: later clauses are never reached
        }
        il.LoadLocal(exception);
        il.Emit(OpCodes.Throw);
        il.Return(exception);

        foreach (var landing in region.Landings)
        {
            il.Mark(landing.Label);
            var saved = c.Stack.Save();
            ReloadOuter(c, region, landing.Target);
            foreach (var temp in landing.Carried)
            {
                il.LoadLocal(temp);
                il.Return(temp);
            }
            c.Stack.AddRange(landing.Target.BranchTypes);
            ControlEmitter.BranchTo(c, landing.Target);
            c.Stack.Restore(saved);
        }
        foreach (var temp in region.Outer) il.Return(temp);
        c.Reachable = false;
    }

    /// <summary>
    /// After the region, the enclosing code's CIL stack is empty: puts back the operands below
    /// <paramref name="target"/> that belong on it (those of enclosing regions stay in their locals).
    /// </summary>
    private static void ReloadOuter(FunctionCompiler c, TryRegion region, ControlFrame target)
    {
        var top = Math.Max(region.Base, target.Height);
        for (int i = region.Base; i < top; i++) c.IL.LoadLocal(region.Outer[i - region.Base]);
        c.SetHeight(top);
    }
}
