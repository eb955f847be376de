using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;

namespace Heron.Compilation;

/// <summary>
/// The legacy exception instructions on the machinery of try_table (<see cref="ExceptionEmitter"/>). A
/// <c>try</c> body is a CIL protected region whose handler catches <see cref="ThrownException"/> only (traps
/// pass through). At the first <c>catch</c>/<c>catch_all</c> the region closes and the clauses follow as
/// ordinary code outside it, each a tag test then its body (<see cref="LegacyHandler"/>), so an exception
/// thrown by a catch body goes to the handlers around the try, as the specification has it. <c>delegate l</c>
/// closes the region with a handler that throws the exception on as if from inside label <c>l</c>
/// (<see cref="ExceptionEmitter.ThrowAt"/>); <c>rethrow l</c> throws the exception caught by the try at label
/// <c>l</c> again, the same object, so its identity (and an exnref to it) is kept.
/// </summary>
internal static class LegacyTryEmitter
{
    public static bool TryEmit(FunctionCompiler c, in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Try:
                ExceptionEmitter.BeginRegion(c, in instruction, Opcode.Try, []);
                return true;
            case Opcode.Catch:
                BeginClause(c, (int)instruction.Index);
                return true;
            case Opcode.CatchAll:
                BeginClause(c, tag: -1);
                return true;
            case Opcode.Delegate:
                Delegate(c, (int)instruction.Index);
                return true;
            case Opcode.Rethrow:
                c.IL.LoadLocal(c.Control[^(1 + (int)instruction.Index)].Handler!.Exception);
                ExceptionEmitter.Raise(c);
                ControlEmitter.EndUnconditional(c);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Closes the body's region; the code that follows runs when the handler caught an exception.</summary>
    private static LegacyHandler CloseBody(FunctionCompiler c, ControlFrame frame)
    {
        var handler = new LegacyHandler { Region = frame.Try!, Exception = ExceptionEmitter.CloseRegion(c, frame) };
        frame.Handler = handler;
        return handler;
    }

    /// <summary><c>catch</c> (of <paramref name="tag"/>) or <c>catch_all</c> (tag -1): ends the body or the previous clause, then tests and enters this one.</summary>
    private static void BeginClause(FunctionCompiler c, int tag)
    {
        var il = c.IL;
        var frame = c.Control[^1];
        LegacyHandler handler;
        if (frame.Try is not null) handler = CloseBody(c, frame);
        else
        {
            handler = frame.Handler!;
            if (c.Reachable) ControlEmitter.BranchTo(c, frame);
            il.Mark(handler.Next!.Value);
            c.SetHeight(frame.Height);
            c.Reachable = true;
        }
        handler.Next = tag >= 0 ? il.DefineLabel() : null;
        if (tag >= 0) ExceptionEmitter.BranchUnlessTag(c, handler.Exception, tag, handler.Next!.Value);
        ExceptionEmitter.ReloadOuter(c, handler.Region, frame);
        if (tag >= 0) ExceptionEmitter.PushPayload(c, handler.Exception, tag);
    }

    /// <summary>
    /// The <c>end</c> of a legacy try (the caller then closes the block as usual): an exception no clause took
    /// (or, without clauses, every exception) is thrown on, and the body's landings are placed.
    /// </summary>
    public static void End(FunctionCompiler c, ControlFrame frame)
    {
        var il = c.IL;
        var throwsOn = true;
        LegacyHandler handler;
        if (frame.Try is not null) handler = CloseBody(c, frame);
        else
        {
            handler = frame.Handler!;
            if (c.Reachable) ControlEmitter.BranchTo(c, frame);
            if (handler.Next is { } next) il.Mark(next);
            else throwsOn = false;
        }
        if (throwsOn)
        {
            il.LoadLocal(handler.Exception);
            il.Emit(OpCodes.Throw);
        }
        c.SetHeight(frame.Height);
        ExceptionEmitter.PlaceLandings(c, handler.Region);
        foreach (var temp in handler.Region.Outer) il.Return(temp);
        il.Return(handler.Exception);
        frame.Handler = null;
        c.Reachable = false;
    }

    /// <summary><c>delegate l</c>: ends the try; what its body throws is thrown on from inside label <paramref name="label"/> (counted from outside the try).</summary>
    private static void Delegate(FunctionCompiler c, int label)
    {
        var il = c.IL;
        var frame = c.Control[^1];
        var region = frame.Try!;
        var exception = ExceptionEmitter.CloseRegion(c, frame);
        il.LoadLocal(exception);
        il.Return(exception);
        ExceptionEmitter.ThrowAt(c, c.Control[^(2 + label)]);
        ExceptionEmitter.PlaceLandings(c, region);
        foreach (var temp in region.Outer) il.Return(temp);
        c.Reachable = false;
        ControlEmitter.Finish(c, frame);
    }
}
