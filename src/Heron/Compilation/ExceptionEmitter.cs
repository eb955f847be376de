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
                BeginRegion(c, in instruction, Opcode.TryTable, instruction.Catches!);
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
        Raise(c);
        EndUnconditional(c);
    }

    /// <summary>
    /// Raises the exception object on the CIL stack. Inside a protected region of this function, whose handler
    /// would catch it first anyway, it goes straight to where that handler leaves to (the region's caught
    /// exception and its clause tests) by <c>leave</c>: a .NET throw costs microseconds, a leave nothing. Outside
    /// every region it is thrown, to the callers' handlers.
    /// </summary>
    public static void Raise(FunctionCompiler c)
    {
        var il = c.IL;
        if (c.InnermostTry() is { } region)
        {
            il.StoreLocal(region.Exception);
            il.Emit(OpCodes.Leave, region.Caught);
        }
        else il.Emit(OpCodes.Throw);
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
    /// Opens a try_table or legacy try (<paramref name="kind"/>): spills the block's parameters and every
    /// operand of the enclosing code below them, opens the region and reloads the parameters inside it.
    /// </summary>
    public static void BeginRegion(FunctionCompiler c, in Instruction instruction, Opcode kind, CatchClause[] catches)
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
            Kind = kind,
            Params = parameters,
            Results = c.BlockResults(instruction.Block),
            Height = c.Stack.Count,
            Label = il.DefineLabel(),
            Try = new TryRegion { Base = floor, Outer = outer, Catches = catches, Exception = il.Rent(typeof(ThrownException)), Caught = il.DefineLabel() },
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
        var exception = CloseRegion(c, frame);
        foreach (var clause in region.Catches)
        {
            // Catch labels count from the block around the try_table.
            var target = c.Control[^(2 + clause.Label)];
            var next = il.DefineLabel();
            if (clause.HasTag) BranchUnlessTag(c, exception, clause.Tag, next);
            var saved = c.Stack.Save();
            ReloadOuter(c, region, target);
            if (clause.HasTag) PushPayload(c, exception, clause.Tag);
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
        PlaceLandings(c, region);
        foreach (var temp in region.Outer) il.Return(temp);
        c.Reachable = false;
    }

    /// <summary>
    /// Closes the protected region of <paramref name="frame"/>: the fall-through leaves to the frame's end, the
    /// handler stores the caught WebAssembly exception in the local returned (rented: the caller gives it
    /// back) and leaves to the code that follows (<see cref="TryRegion.Caught"/>), which runs in the enclosing
    /// context with an empty CIL stack.
    /// </summary>
    public static LocalBuilder CloseRegion(FunctionCompiler c, ControlFrame frame)
    {
        var il = c.IL;
        if (c.Reachable) Leave(c, frame, conditional: false);
        var exception = frame.Try!.Exception;
        il.BeginCatch(typeof(ThrownException));
        il.StoreLocal(exception);
        il.EndTry();
        il.Mark(frame.Try.Caught);
        frame.Try = null;
        c.OpenTries--;
        c.SetHeight(frame.Height);
        c.Reachable = true;
        c.Interrupts?.AfterCatch();
        return exception;
    }

    /// <summary>Branches to <paramref name="next"/> unless the exception in <paramref name="exception"/> has the tag <paramref name="tag"/> (compared by identity).</summary>
    public static void BranchUnlessTag(FunctionCompiler c, LocalBuilder exception, int tag, Label next)
    {
        var il = c.IL;
        il.LoadLocal(exception);
        il.Call(GetTag);
        c.LoadContext();
        il.Load(ContextTags);
        il.Int32(tag);
        il.Emit(OpCodes.Ldelem_Ref);
        il.Emit(OpCodes.Bne_Un, next);
    }

    /// <summary>Pushes the payload of the exception in <paramref name="exception"/>, whose tag is <paramref name="tag"/>.</summary>
    public static void PushPayload(FunctionCompiler c, LocalBuilder exception, int tag)
    {
        var il = c.IL;
        var payload = c.Module.Types[c.Module.TagTypeIndex(tag)].FunctionType.Parameters;
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

    /// <summary>
    /// Places, after a closed region, where its branches out land: each reloads the enclosing operands, takes
    /// the carried values and branches on; a delegation throws its exception on from here (see <see cref="ThrowAt"/>).
    /// </summary>
    public static void PlaceLandings(FunctionCompiler c, TryRegion region)
    {
        var il = c.IL;
        foreach (var landing in region.Landings)
        {
            il.Mark(landing.Label);
            if (landing.Delegates)
            {
                il.LoadLocal(landing.Carried[0]);
                il.Return(landing.Carried[0]);
                ThrowAt(c, landing.Target);
                continue;
            }
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
    }

    /// <summary>
    /// Throws the exception on the CIL stack as if from just inside <paramref name="target"/>'s block (a
    /// legacy <c>delegate</c>): handlers of regions nested inside that block must not see it, so while one is
    /// open around this point the exception is carried out of it by <c>leave</c> to a landing placed after it,
    /// which throws on from there; the target's own region, or one around it, catches it as usual.
    /// </summary>
    public static void ThrowAt(FunctionCompiler c, ControlFrame target)
    {
        var il = c.IL;
        for (int i = c.Control.Count - 1; i >= 0 && c.Control[i] != target; i--)
        {
            if (c.Control[i].Try is not { } region) continue;
            var landing = region.DelegationFor(target, il);
            il.StoreLocal(landing.Carried[0]);
            il.Emit(OpCodes.Leave, landing.Label);
            return;
        }
        Raise(c);
    }

    /// <summary>
    /// After the region, the enclosing code's CIL stack is empty: puts back the operands below
    /// <paramref name="target"/> that belong on it (those of enclosing regions stay in their locals).
    /// </summary>
    public static void ReloadOuter(FunctionCompiler c, TryRegion region, ControlFrame target)
    {
        var top = Math.Max(region.Base, target.Height);
        for (int i = region.Base; i < top; i++) c.IL.LoadLocal(region.Outer[i - region.Base]);
        c.SetHeight(top);
    }
}
