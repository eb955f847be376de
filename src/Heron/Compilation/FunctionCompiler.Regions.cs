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
    private int scratchArgument = -1, resultArgument;

    /// <summary>The buffer on this method's stack where the regions it calls leave the numbers they wrote; null: none.</summary>
    private LocalBuilder? scratch;

    /// <summary>Bytes per local in the scratch buffer (a v128 is the largest number).</summary>
    private const int ScratchSlot = RegionMethods.ScratchSlot;

    private int ScratchBytes(SplitRegion region) => RegionMethods.ScratchLocals(LocalTypes, region).Length * ScratchSlot;

    /// <summary>
    /// At entry, when this method calls regions that write numbers: the scratch buffer, sized for the
    /// largest of them (every region inside this method's code is counted, nested ones too: an upper bound).
    /// </summary>
    public void EmitScratch()
    {
        if (Split is null) return;
        var start = Region?.Start ?? Body.Code.Start;
        var end = Region?.End ?? Body.Code.End;
        var bytes = 0;
        foreach (var (offset, region) in Split)
            if (offset > start && offset < end || Region is null && offset == start) bytes = Math.Max(bytes, ScratchBytes(region));
        if (bytes == 0) return;
        scratch = IL.DeclareLocal(typeof(nint));
        IL.Int32(bytes);
        IL.Emit(OpCodes.Conv_U);
        IL.Emit(OpCodes.Localloc);
        IL.StoreLocal(scratch);
    }

    /// <summary>
    /// Work that may be handed to other cores (the bodies of this function's regions); null: everything is
    /// compiled in place, in order.
    /// </summary>
    public DeferredWork? Deferred { get; init; }

    /// <summary>Emits the body of <paramref name="region"/> into <paramref name="method"/>, recording its calls in <paramref name="sites"/>.</summary>
    private void CompileRegion(MethodBuilder method, SplitRegion region, CallSites? sites, TokenCache? tokens)
    {
        var host = RegionHost!;
        var recorder = Offsets is null ? null : new CodeOffsetRecorder();
        var child = new FunctionCompiler(Module, Methods, SignatureIds, FunctionIndex, new CilWriter(method.GetILGenerator(), tokens: tokens))
        {
            Lazy = Lazy,
            Data = Data,
            Portable = Portable,
            SelfCallsThroughCode = SelfCallsThroughCode,
            Split = Split,
            Region = region,
            RegionHost = host,
            Sites = sites,
            Offsets = recorder,
            Deferred = Deferred,
            RecogniseByteLoops = RecogniseByteLoops,
        };
        child.Compile();
        host.Compiled(FunctionIndex, region.Number, method, method.GetILGenerator().ILOffset, recorder?.ToArray());
    }

    /// <summary>
    /// Compiles <paramref name="region"/> into a method (now, or queued as <see cref="Deferred"/> work) and emits the call (the method's parameters are
    /// described at <see cref="RegionMethods.Define"/>), reloads the numbers it wrote from the scratch buffer,
    /// then switches on the exit code to the branches the region stands for.
    /// </summary>
    private void CallRegion(SplitRegion region)
    {
        if (pendingCallee >= 0)
        {
            Sites!.Callees.Add(pendingCallee);
            pendingCallee = -1;
        }
        var results = Type.Results;
        var host = RegionHost!;
        var method = host.Define(Module, FunctionIndex, region);
        if (Deferred is { } deferred)
        {
            // The region's body does not depend on the code around its call: another core may emit it.
            var sites = Sites is null ? null : new CallSites();
            if (sites is not null) deferred.MergeLater(Sites!, sites);
            deferred.Add(() => CompileRegion(method, region, sites, deferred.Tokens));
        }
        else CompileRegion(method, region, Sites, IL.Tokens);

        // Numbers go in by value and come back through the scratch buffer on this method's stack, so that
        // none of this method's locals has its address taken (the JIT would keep such a local in memory
        // everywhere); only references (rare in compiled C) travel by reference.
        var resultTemps = new LocalBuilder[region.Returns ? results.Count : 0];
        foreach (var local in region.Locals)
        {
            if (CilTypes.Of(LocalTypes[local]).IsValueType) LoadWasmLocal(local);
            else LoadWasmLocalAddress(local);
        }
        var written = RegionMethods.ScratchLocals(LocalTypes, region);
        if (written.Length > 0) IL.LoadLocal(scratch!);
        for (int k = 0; k < resultTemps.Length; k++)
        {
            resultTemps[k] = IL.Rent(CilTypes.Of(results[k]));
            IL.LoadLocalAddress(resultTemps[k]);
        }
        LoadContext();
        IL.Call(method);
        if (written.Length > 0)
        {
            var code = IL.Rent(typeof(int));
            IL.StoreLocal(code);
            for (int slot = 0; slot < written.Length; slot++)
            {
                IL.LoadLocal(scratch!);
                IL.Int32(slot * ScratchSlot);
                IL.Emit(OpCodes.Add);
                IL.Emit(OpCodes.Ldobj, CilTypes.Of(LocalTypes[written[slot]]));
                StoreWasmLocal(written[slot]);
            }
            IL.LoadLocal(code);
            IL.Return(code);
        }

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
        scratchArgument = ScratchBytes(region) > 0 ? region.Locals.Length : -1;
        resultArgument = region.Locals.Length + (scratchArgument >= 0 ? 1 : 0);
        ContextArgument = resultArgument + (region.Returns ? results.Count : 0);
        EmitStackCheck();
        EmitMemoryLocals(loads: scan.UsesMemory);
        EmitGlobalCellLocals(scan.GlobalUses);
        EmitScratch();
        foreach (var local in region.Locals)
        {
            var type = CilTypes.Of(LocalTypes[local]);
            var builder = IL.DeclareLocal(type);
            RegionLocals[local] = builder;
            IL.LoadArg(argument++);
            if (!type.IsValueType) IL.Emit(OpCodes.Ldobj, type);
            IL.StoreLocal(builder);
        }
        exitCode = IL.DeclareLocal(typeof(int));
        epilogue = IL.DefineLabel();
        // Copied by a loop: a spread of the read-only list is LINQ over ValueType, JIT-compiled at start.
        var resultTypes = new ValueType[results.Count];
        for (int i = 0; i < resultTypes.Length; i++) resultTypes[i] = results[i];
        Control.Add(new ControlFrame { Kind = Opcode.End, Params = NoItems<ValueType>.Array, Results = resultTypes, Height = 0 });
        for (int frame = 1; frame < region.Depth; frame++)
            Control.Add(new ControlFrame { Kind = Opcode.Block, Params = NoItems<ValueType>.Array, Results = NoItems<ValueType>.Array, Height = 0, Label = IL.DefineLabel() });
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
        var written = RegionMethods.ScratchLocals(LocalTypes, region);
        for (int slot = 0; slot < written.Length; slot++)
        {
            IL.LoadArg(scratchArgument);
            IL.Int32(slot * ScratchSlot);
            IL.Emit(OpCodes.Add);
            IL.LoadLocal(RegionLocals![written[slot]]!);
            IL.Emit(OpCodes.Stobj, CilTypes.Of(LocalTypes[written[slot]]));
        }
        for (int argument = 0; argument < region.Locals.Length; argument++)
        {
            // A written reference goes back through the reference it came in by.
            var local = region.Locals[argument];
            var type = CilTypes.Of(LocalTypes[local]);
            if (type.IsValueType || !region.Written.Contains(local)) continue;
            IL.LoadArg(argument);
            IL.LoadLocal(RegionLocals![local]!);
            IL.Emit(OpCodes.Stobj, type);
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
            IL.LoadArg(resultArgument + k);
            IL.LoadLocal(temps[k]);
            IL.Emit(OpCodes.Stobj, CilTypes.Of(results[k]));
            IL.Return(temps[k]);
        }
        IL.Int32(region.CodeOf(0));
        IL.StoreLocal(exitCode!);
        IL.Emit(OpCodes.Br, epilogue);
    }
}
