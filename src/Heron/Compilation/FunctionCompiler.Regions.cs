using System.Reflection.Emit;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Split functions (see <see cref="FunctionSplitter"/>): the parent's side, which calls an outlined region
/// and branches where its exit code says, and the region's side, compiled by a compiler of its own whose
/// control stack starts with a stand-in for every frame open around the region.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>The regions of this function to outline, by start offset; null: compiled whole.</summary>
    public Dictionary<int, SplitRegion>? Split { get; init; }

    /// <summary>The region this compiler compiles as a method of its own; null: the function itself.</summary>
    public SplitRegion? Region { get; init; }

    /// <summary>Where outlined regions are defined as methods.</summary>
    public RegionMethods? RegionHost { get; init; }

    /// <summary>In a region: the CIL local of each WebAssembly local it uses (null for the others).</summary>
    private LocalBuilder?[]? RegionLocals { get; set; }

    private LocalBuilder? exitCode;
    private Label epilogue;

    /// <summary>
    /// Compiles <paramref name="region"/> into a method now and emits the call: the used locals by
    /// reference, references to temporaries for the function's results if the region returns, the
    /// context; then a switch on the exit code to the branches the region stands for.
    /// </summary>
    private void CallRegion(SplitRegion region)
    {
        if (pendingCallee >= 0)
        {
            Sites!.Callees.Add(pendingCallee);
            pendingCallee = -1;
        }
        var results = Type.Results;
        var parameters = new List<Type>();
        foreach (var local in region.Locals) parameters.Add(CilTypes.Of(LocalTypes[local]).MakeByRefType());
        if (region.Returns)
            foreach (var result in results) parameters.Add(CilTypes.Of(result).MakeByRefType());
        parameters.Add(typeof(InstanceContext));
        var host = RegionHost!;
        var method = host.Define(FunctionIndex, region.Number, [.. parameters]);
        var recorder = Offsets is null ? null : new CodeOffsetRecorder();
        var child = new FunctionCompiler(Module, Methods, SignatureIds, FunctionIndex, new CilWriter(method.GetILGenerator(), tokens: IL.Tokens))
        {
            Lazy = Lazy,
            Data = Data,
            Portable = Portable,
            Split = Split,
            Region = region,
            RegionHost = host,
            Sites = Sites,
            Offsets = recorder,
        };
        child.Compile();
        host.Compiled(FunctionIndex, region.Number, method, method.GetILGenerator().ILOffset, recorder?.ToArray());

        var resultTemps = new LocalBuilder[region.Returns ? results.Count : 0];
        foreach (var local in region.Locals) LoadWasmLocalAddress(local);
        for (int k = 0; k < resultTemps.Length; k++)
        {
            resultTemps[k] = IL.Rent(CilTypes.Of(results[k]));
            IL.LoadLocalAddress(resultTemps[k]);
        }
        LoadContext();
        IL.Call(method);

        // What the bounds-check bookkeeping knew of the locals the region writes no longer holds.
        foreach (var local in region.Written)
        {
            Checked.Assign(local, AddressSource.Unknown);
            Stack.Forget(local);
        }
        var exits = region.Exits;
        var stubs = new Label[exits.Length];
        for (int k = 0; k < stubs.Length; k++) stubs[k] = IL.DefineLabel();
        if (stubs.Length > 0) IL.Emit(OpCodes.Switch, stubs);
        else IL.Emit(OpCodes.Pop);
        // Falling out of the switch: the region ran to its end (exit code -1).
        var after = IL.DefineLabel();
        if (region.EndsUnreachable)
        {
            IL.Call(RuntimeMembers.Trap(nameof(TrapHelpers.UnreachableTrap)));
            IL.Emit(OpCodes.Throw);
        }
        else if (stubs.Length > 0) IL.Emit(OpCodes.Br, after);
        for (int k = 0; k < stubs.Length; k++)
        {
            IL.Mark(stubs[k]);
            var frame = exits[k];
            if (frame == 0)
            {
                foreach (var temp in resultTemps) IL.LoadLocal(temp);
                foreach (var result in results) Stack.Add(result);
                ControlEmitter.BranchTo(this, Control[0]);
                Pop(results.Count);
            }
            else
            {
                Checked.Branch(Control.Count - 1 - frame);
                ControlEmitter.BranchTo(this, Control[frame]);
            }
        }
        foreach (var temp in resultTemps) IL.Return(temp);
        Previous = Opcode.Nop;
        if (region.EndsUnreachable) ControlEmitter.EndUnconditional(this);
        else IL.Mark(after);
    }

    /// <summary>
    /// A region's entry: the stack check, memories and global cells, the used locals copied in from their
    /// references, and a control stack of stand-ins: the function's frame (a branch to it is a return) and
    /// one block per frame open around the region, whose label sets the exit code.
    /// </summary>
    private void OpenRegion(SplitRegion region, BodyScan scan)
    {
        var argument = 0;
        RegionLocals = new LocalBuilder?[LocalTypes.Length];
        var results = Type.Results;
        ContextArgument = region.Locals.Length + (region.Returns ? results.Count : 0);
        EmitStackCheck();
        EmitMemoryLocals(loads: scan.UsesMemory);
        EmitGlobalCellLocals(scan.GlobalUses);
        foreach (var local in region.Locals)
        {
            var type = CilTypes.Of(LocalTypes[local]);
            var builder = IL.DeclareLocal(type);
            RegionLocals[local] = builder;
            IL.LoadArg(argument++);
            IL.Emit(OpCodes.Ldobj, type);
            IL.StoreLocal(builder);
        }
        exitCode = IL.DeclareLocal(typeof(int));
        epilogue = IL.DefineLabel();
        Control.Add(new ControlFrame { Kind = Opcode.End, Params = [], Results = [.. results], Height = 0 });
        for (int frame = 1; frame < region.Depth; frame++)
            Control.Add(new ControlFrame { Kind = Opcode.Block, Params = [], Results = [], Height = 0, Label = IL.DefineLabel() });
    }

    /// <summary>A region's exit: the fall-through code, one stub per exit setting its code, and the written locals copied back.</summary>
    private void CloseRegion()
    {
        var region = Region!;
        if (Reachable)
        {
            IL.Int32(-1);
            IL.StoreLocal(exitCode!);
            IL.Emit(OpCodes.Br, epilogue);
        }
        foreach (var frame in region.Exits)
        {
            if (frame == 0) continue; // a return sets its code itself (EmitRegionReturn)
            IL.Mark(Control[frame].Label);
            IL.Int32(region.CodeOf(frame));
            IL.StoreLocal(exitCode!);
            IL.Emit(OpCodes.Br, epilogue);
        }
        IL.Mark(epilogue);
        for (int argument = 0; argument < region.Locals.Length; argument++)
        {
            var local = region.Locals[argument];
            if (!region.Written.Contains(local)) continue;
            IL.LoadArg(argument);
            IL.LoadLocal(RegionLocals![local]!);
            IL.Emit(OpCodes.Stobj, CilTypes.Of(LocalTypes[local]));
        }
        IL.LoadLocal(exitCode!);
        IL.Emit(OpCodes.Ret);
    }

    /// <summary>
    /// A return from inside a region: the function's results (on top of the stack) go through the result
    /// references, and the region exits with the return's code.
    /// </summary>
    public void EmitRegionReturn()
    {
        var region = Region!;
        var results = Type.Results;
        var n = results.Count;
        DiscardBelow(n, Stack.Count - n);
        var temps = Spill(n);
        for (int k = 0; k < n; k++)
        {
            IL.LoadArg(region.Locals.Length + k);
            IL.LoadLocal(temps[k]);
            IL.Emit(OpCodes.Stobj, CilTypes.Of(results[k]));
            IL.Return(temps[k]);
        }
        IL.Int32(region.CodeOf(0));
        IL.StoreLocal(exitCode!);
        IL.Emit(OpCodes.Br, epilogue);
    }
}
