using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Compilation;

/// <summary>
/// Compiles one function body to CIL in a single pass over its instructions. The WebAssembly operand
/// stack stays on the CIL evaluation stack (its types are tracked in <see cref="Stack"/>); locals are CIL
/// locals; code after an unconditional transfer is not emitted. The body is validated before, so the
/// compiler trusts types and nesting. Nesting uses an explicit control stack, never recursion.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private int skipDepth;

    public FunctionCompiler(WasmModule module, MethodInfo[] methods, int[] signatureIds, int functionIndex, CilWriter il)
    {
        Module = module;
        Methods = methods;
        SignatureIds = signatureIds;
        FunctionIndex = functionIndex;
        Type = module.FunctionTypeOf(functionIndex);
        Body = module.Bodies[functionIndex - module.ImportedFunctionCount];
        IL = il;
        ParameterCount = Type.Parameters.Count;
        ContextArgument = ParameterCount + Math.Max(0, Type.Results.Count - 1);
    }

    public WasmModule Module { get; }
    public MethodInfo[] Methods { get; }
    public int[] SignatureIds { get; }
    public int FunctionIndex { get; }
    public FunctionType Type { get; }
    public FunctionBody Body { get; }
    public CilWriter IL { get; }
    public int ParameterCount { get; }
    /// <summary>Index of the <c>InstanceContext</c> argument (the last one).</summary>
    public int ContextArgument { get; private set; }

    /// <summary>
    /// For a module compiled lazily: where calls to the module's own functions find their code (a call
    /// through a code pointer instead of a direct <c>call</c>); null when compiled ahead.
    /// </summary>
    public LazyFunctions? Lazy { get; init; }

    /// <summary>
    /// A call of the function to itself goes through its code pointer (<c>calli</c>), not a direct <c>call</c>.
    /// While a method is being compiled it has no code yet, so the JIT points its own direct calls at the
    /// method's precode stub, which jumps to the code: two jumps per recursive call, for good. Once the module
    /// is compiled ahead and untiered, the instance's code pointer is the code itself (measured in a
    /// recursive fib: the stub's route 16.6 ms, the pointer's 14.1 ms).
    /// </summary>
    public bool SelfCallsThroughCode { get; init; }

    /// <summary>Where read-only data of the code (lookup tables) is defined; null: the compiler makes none.</summary>
    public StaticData? Data { get; init; }

    /// <summary>The fuel and epoch checks; null (no checks at all) unless the engine enables them.</summary>
    public InterruptEmitter? Interrupts { get; set; }

    /// <summary>The operands on the CIL stack, bottom first: their types and, for bounds checks, their sources.</summary>
    public OperandStack Stack { get; } = new();
    public List<ControlFrame> Control { get; } = new();
    public bool Reachable { get; set; } = true;

    /// <summary>The instruction compiled just before the current one (for peepholes that keep the JIT from folding).</summary>
    public Opcode Previous { get; private set; } = Opcode.Nop;

    public ValueType[] LocalTypes { get; private set; } = NoItems<ValueType>.Array;
    public LocalBuilder[] Locals { get; private set; } = [];
    public LocalBuilder[] MemoryLocals { get; private set; } = [];
    public LocalBuilder[] MemoryBaseLocals { get; private set; } = [];

    public void Compile()
    {
        var start = Region?.Start ?? Body.Code.Start;
        var end = Region?.End ?? Body.Code.End;
        var scan = BodyScan.Of(Module.Bytes, start, end);
        Checked = new CheckedAddresses(scan.LoopAssignments);
        DeclareLocals();
        if (Region is null && AddressBounds.Worthwhile(scan, end - start)) Bounds = AddressBounds.Analyze(Module, start, end, LocalTypes, ParameterCount);
        if (Region is { } own) OpenRegion(own, scan);
        else
        {
            EmitPrologue(scan);
            Control.Add(new ControlFrame { Kind = Opcode.End, Params = NoItems<ValueType>.Array, Results = (ValueType[])Type.ResultArray.Clone(), Height = 0 });
        }

        var reader = new InstructionReader(Module.Bytes, start, end);
        while (!reader.AtEnd)
        {
            var instruction = reader.Read();
            if (!Reachable && !Skip(in instruction)) continue;
            if (Split is not null && instruction.Offset != start && Split.TryGetValue(instruction.Offset, out var region))
            {
                Offsets?.Mark(IL.Generator.ILOffset, instruction.Offset);
                CallRegion(region);
                reader = new InstructionReader(Module.Bytes, region.End, end);
                continue;
            }
            Offsets?.Mark(IL.Generator.ILOffset, instruction.Offset);
            if (instruction.Opcode == Opcode.Loop && TryByteLoop(in instruction, reader.Position, end) is var after and >= 0)
            {
                branched = true;
                Previous = Opcode.Nop;
                reader = new InstructionReader(Module.Bytes, after, end);
                continue;
            }
            Interrupts?.Before(in instruction);
            if (Sites is not null) Record(in instruction);
            var depth = Control.Count;
            // What the bookkeeping needs from the operands before the instruction consumes them: an
            // i32.add's source, or the source of the value a local.set/tee assigns.
            var source = instruction.Opcode switch
            {
                Opcode.I32Add => AddressSource.Sum(Stack.SourceAt(0), Stack.SourceAt(1)),
                Opcode.LocalSet or Opcode.LocalTee => Stack.SourceAt(0),
                _ => AddressSource.Unknown,
            };
            var reachable = Reachable;
            Dispatch(in instruction);
            Interrupts?.After(in instruction);
            Track(in instruction, depth, source, reachable);
            if (Control.Count == 0) break;
        }
        if (pendingCallee >= 0) Sites!.Callees.Add(pendingCallee);
        if (Region is not null) CloseRegion();
        foreach (var emit in AfterBody) emit();
    }

    /// <summary>
    /// Code placed after the body, outside every protected region, reached only by a <c>leave</c> to its
    /// label (a tail call made from inside a try_table, see <see cref="TailCallEmitter"/>).
    /// </summary>
    public List<Action> AfterBody { get; } = new();

    /// <summary>The largest address of each access, where the body bounds it (see <see cref="AddressBounds"/>); null when not analysed.</summary>
    public AddressBounds? Bounds { get; private set; }

    /// <summary>Bounds checks already made on the current path (see <see cref="CheckedAddresses"/>).</summary>
    public CheckedAddresses Checked { get; private set; } = new([]);

    /// <summary>
    /// After an instruction: what the bounds-check bookkeeping learns from it (<paramref name="source"/>:
    /// an i32.add's source, or where the value a local.set/tee assigns came from).
    /// </summary>
    private void Track(in Instruction instruction, int depth, AddressSource source, bool reachable)
    {
        var opcode = instruction.Opcode;
        if (opcode is Opcode.LocalSet or Opcode.LocalTee)
        {
            Checked.Assign((int)instruction.Index, source);
            Stack.Forget((int)instruction.Index);
        }
        // Whatever an instruction pushes is a new value: its sources are unknown unless set just below,
        // even if an emitter left an operand's slot in place as the result. (Control instructions and
        // br_if keep the values they carry; their emitters reset what a merge changes.)
        if (opcode is not (Opcode.LocalTee or Opcode.BrIf or Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End))
            Stack.ForgetTop(instruction.Info.Results?.Length ?? (opcode is Opcode.Select or Opcode.SelectTyped ? 1 : 0));
        switch (opcode)
        {
            case Opcode.LocalGet or Opcode.LocalTee: Stack.SetTopSource(AddressSource.OfLocal((int)instruction.Index)); break;
            case Opcode.I32Const: Stack.SetTopSource(AddressSource.OfConstant((int)instruction.Value)); break;
            case Opcode.I32Add: Stack.SetTopSource(source); break;
        }
        // A try_table's catch clauses branch to enclosing labels from any point of its body: what holds
        // at their ends is not known.
        if (opcode == Opcode.TryTable) Checked.UnknownBranch();
        if (Control.Count > depth) Checked.Enter(opcode, instruction.Offset);
        else if (opcode == Opcode.Else) Checked.Else(reachable);
        else if (opcode is Opcode.Catch or Opcode.CatchAll) Checked.Catch(reachable);
        else if (opcode == Opcode.End && Control.Count > 0 || opcode == Opcode.Delegate) Checked.Exit(reachable);
        else if (opcode is Opcode.Br or Opcode.BrIf) Checked.Branch((int)instruction.Index);
        else if (opcode == Opcode.BrTable)
            foreach (var label in instruction.Labels!) Checked.Branch(label);
        else if (instruction.Info.Immediate is ImmediateKind.Label or ImmediateKind.LabelTable) Checked.UnknownBranch();
        if (opcode is Opcode.I32Const or Opcode.I64Const) PreviousConstant = instruction.Value;
        Previous = opcode;
    }

    /// <summary>The value of the constant <see cref="Previous"/> pushed, when it was an i32.const or i64.const.</summary>
    public long PreviousConstant { get; private set; }

    /// <summary>The call graph seen in this body (for <see cref="Reachability"/> and <see cref="AheadJit.CallOrder"/>); null: not recorded.</summary>
    public CallSites? Sites { get; set; }

    /// <summary>Where the map from CIL offsets back to module offsets is recorded (for backtraces), or null.</summary>
    public CodeOffsetRecorder? Offsets { get; init; }

    /// <summary>A direct call just recorded, warm or cold by the instruction after it; -1: none.</summary>
    private int pendingCallee = -1;

    /// <summary>Whether a branch or an <c>if</c> was seen: until then the body runs straight from its entry.</summary>
    private bool branched;

    private void Record(in Instruction instruction)
    {
        var opcode = instruction.Opcode;
        if (pendingCallee >= 0)
        {
            // A call that traps whenever it returns, off the body's entry path: a panic or abort path
            // (Rust's panic_bounds_check, unwrap_failed). The entry path is excluded because a call there
            // may be the whole program (a never-returning main loop followed by unreachable).
            (opcode == Opcode.Unreachable && branched ? Sites!.ColdCallees : Sites!.Callees).Add(pendingCallee);
            pendingCallee = -1;
        }
        if (opcode == Opcode.If || instruction.Info.Immediate is ImmediateKind.Label or ImmediateKind.LabelTable) branched = true;
        switch (opcode)
        {
            case Opcode.Call:
                pendingCallee = (int)instruction.Index;
                break;
            case Opcode.ReturnCall:
                Sites!.Callees.Add((int)instruction.Index);
                break;
            case Opcode.CallIndirect:
            case Opcode.ReturnCallIndirect:
            case Opcode.CallRef:
            case Opcode.ReturnCallRef:
                Sites!.HasIndirect = true;
                break;
            case Opcode.RefFunc:
                Sites!.References.Add((int)instruction.Index);
                break;
        }
    }

    /// <summary>In unreachable code: false to skip the instruction, true when it ends the unreachable region.</summary>
    private bool Skip(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
            case Opcode.TryTable:
            case Opcode.Try:
                skipDepth++;
                return false;
            case Opcode.Else:
            case Opcode.Catch:
            case Opcode.CatchAll:
                return skipDepth == 0;
            case Opcode.End:
            case Opcode.Delegate:
                if (skipDepth == 0) return true;
                skipDepth--;
                return false;
            default:
                return false;
        }
    }

    private void Dispatch(in Instruction instruction)
    {
        var info = instruction.Info;
        if (SimdEmitter.TryEmit(this, in instruction)) return;
        if (ControlEmitter.TryEmit(this, in instruction)) return;
        if (TailCallEmitter.TryEmit(this, in instruction)) return;
        if (ReferenceEmitter.TryEmit(this, in instruction)) return;
        if (GcEmitter.TryEmit(this, in instruction)) return;
        if (ExceptionEmitter.TryEmit(this, in instruction)) return;
        if (LegacyTryEmitter.TryEmit(this, in instruction)) return;
        if (VariableEmitter.TryEmit(this, in instruction)) return;
        if (MemoryEmitter.TryEmit(this, in instruction)) return;
        if (AtomicEmitter.TryEmit(this, in instruction)) return;
        if (TableEmitter.TryEmit(this, in instruction)) return;
        if (NumericEmitter.TryEmit(this, in instruction)) return;
        throw new WasmException($"the instruction {info.Name} is not supported by the compiler yet");
    }

    private void DeclareLocals()
    {
        LocalTypes = Module.LocalTypesOf(FunctionIndex);
        // An outlined region declares only the locals it uses (see OpenRegion).
        if (Region is not null) return;
        var locals = new LocalBuilder[LocalTypes.Length - ParameterCount];
        for (int i = 0; i < locals.Length; i++) locals[i] = IL.DeclareLocal(CilTypes.Of(LocalTypes[ParameterCount + i]));
        Locals = locals;
    }

    /// <summary>A leaf with at most this much code and this many locals has a frame the host reserve covers.</summary>
    private const int SmallLeafCode = 4096, SmallLeafLocals = 256;

    private void EmitPrologue(BodyScan scan)
    {
        if (scan.Calls || Body.Code.Length > SmallLeafCode || LocalTypes.Length > SmallLeafLocals) EmitStackCheck();
        Interrupts?.EmitPrologue();
        EmitMemoryLocals(loads: scan.UsesMemory);
        EmitGlobalCellLocals(scan.GlobalUses);
        EmitScratch();
    }

    /// <summary>A global used at least this often has its cell fetched once, at entry.</summary>
    private const int HoistedGlobalUses = 2;

    /// <summary>The cells of globals fetched at entry, by global index (global 0 has a field of its own).</summary>
    public Dictionary<int, LocalBuilder> GlobalCellLocals { get; } = new();

    /// <summary>
    /// A global's cell is fixed for the instance's life, but reaching it through the context's array is three
    /// dependent loads and a range check per access. TinyGo keeps its heap and stack bounds in globals 1 and 2
    /// and reads them hundreds of times in a big function: the cell goes into a local once instead.
    /// </summary>
    private void EmitGlobalCellLocals(Dictionary<int, int> uses)
    {
        foreach (var (global, count) in uses)
        {
            if (global == 0 || count < HoistedGlobalUses) continue;
            var cell = IL.DeclareLocal(typeof(Runtime.GlobalCell));
            LoadContext();
            IL.Load(RuntimeMembers.ContextGlobals);
            IL.Int32(global);
            IL.Emit(OpCodes.Ldelem_Ref);
            IL.StoreLocal(cell);
            GlobalCellLocals[global] = cell;
        }
    }

    /// <summary>
    /// Stack guard: compare the address of a local with the limit the host entry stored. One load chain
    /// and one compare; the trap is an out-of-line call. Only a function that calls can take the stack
    /// past the limit; a small leaf's frame fits in the reserve kept below it (HostEntry.HostReserve).
    /// </summary>
    private void EmitStackCheck()
    {
        var probe = IL.DeclareLocal(typeof(byte));
        var ok = IL.DefineLabel();
        IL.LoadLocalAddress(probe);
        IL.Emit(OpCodes.Conv_U);
        LoadContext();
        IL.Load(RuntimeMembers.ContextRuntime);
        IL.Load(RuntimeMembers.RuntimeStackLimit);
        IL.Emit(OpCodes.Bge_Un, ok);
        IL.Call(RuntimeMembers.Trap(nameof(Runtime.TrapHelpers.StackExhaustedTrap)));
        IL.Emit(OpCodes.Throw);
        IL.Mark(ok);
    }

    /// <summary>
    /// The base of a memory never moves, so it is read once per call (when the body uses a memory at
    /// all); the length is read at each access because any call may grow the memory.
    /// </summary>
    private void EmitMemoryLocals(bool loads)
    {
        var count = loads ? Module.MemoryCount : 0;
        MemoryLocals = new LocalBuilder[count];
        MemoryBaseLocals = new LocalBuilder[count];
        for (int m = 0; m < count; m++)
        {
            MemoryLocals[m] = IL.DeclareLocal(typeof(Runtime.LinearMemory));
            MemoryBaseLocals[m] = IL.DeclareLocal(typeof(nint));
            LoadContext();
            if (m == 0) IL.Load(RuntimeMembers.ContextMemory0);
            else
            {
                IL.Load(RuntimeMembers.ContextMemories);
                IL.Int32(m);
                IL.Emit(OpCodes.Ldelem_Ref);
            }
            IL.Emit(OpCodes.Dup);
            IL.StoreLocal(MemoryLocals[m]);
            IL.Load(RuntimeMembers.MemoryBase);
            IL.StoreLocal(MemoryBaseLocals[m]);
        }
    }

    /// <summary>How many protected regions (try_table and legacy try bodies) are open around the current instruction.</summary>
    public int OpenTries { get; set; }

    /// <summary>The innermost open try_table region, or null.</summary>
    public TryRegion? InnermostTry()
    {
        if (OpenTries == 0) return null;
        for (int i = Control.Count - 1; i >= 0; i--)
            if (Control[i].Try is { } region) return region;
        return null;
    }

    /// <summary>Operands below this height are held in locals by enclosing try_table regions, not on the CIL stack.</summary>
    public int Floor => InnermostTry()?.Floor ?? 0;

    /// <summary>True when a branch to <paramref name="target"/> leaves the innermost try_table region (its own end included).</summary>
    public bool LeavesTry(ControlFrame target)
    {
        if (OpenTries == 0) return false;
        for (int i = Control.Count - 1; i >= 0; i--)
        {
            if (Control[i].Try is not null) return true;
            if (Control[i] == target) return false;
        }
        return false;
    }

    public void LoadContext() => IL.LoadArg(ContextArgument);

    /// <summary>
    /// Whether the code is saved to run in another process (a precompiled module): then it names nothing
    /// of this engine, and reads what is engine-specific (signature ids) from the instance's context.
    /// </summary>
    public bool Portable { get; init; }

    /// <summary>Pushes the engine-wide signature id of the module's type <paramref name="typeIndex"/>.</summary>
    public void LoadSignatureId(int typeIndex)
    {
        if (!Portable)
        {
            IL.Int32(SignatureIds[typeIndex]);
            return;
        }
        LoadContext();
        IL.Load(RuntimeMembers.ContextSignatureIds);
        IL.Int32(typeIndex);
        IL.Emit(OpCodes.Ldelem_I4);
    }

    /// <summary>Pushes WebAssembly local <paramref name="index"/> (a CIL argument or local).</summary>
    public void LoadWasmLocal(int index)
    {
        if (RegionLocals is { } region) IL.LoadLocal(region[index]!);
        else if (index < ParameterCount) IL.LoadArg(index);
        else IL.LoadLocal(Locals[index - ParameterCount]);
    }

    /// <summary>Stores the top of the CIL stack in WebAssembly local <paramref name="index"/>.</summary>
    public void StoreWasmLocal(int index)
    {
        if (RegionLocals is { } region) IL.StoreLocal(region[index]!);
        else if (index < ParameterCount) IL.StoreArg(index);
        else IL.StoreLocal(Locals[index - ParameterCount]);
    }

    /// <summary>Pushes the address of WebAssembly local <paramref name="index"/> (to pass it to an outlined region).</summary>
    public void LoadWasmLocalAddress(int index)
    {
        if (RegionLocals is { } region) IL.LoadLocalAddress(region[index]!);
        else if (index < ParameterCount) IL.LoadArgAddress(index);
        else IL.LoadLocalAddress(Locals[index - ParameterCount]);
    }

    public void Push(ValueType type) => Stack.Add(type);

    public ValueType Pop()
    {
        var type = Stack[^1];
        Stack.RemoveRange(Stack.Count - 1, 1);
        return type;
    }

    public void Pop(int count) => Stack.RemoveRange(Stack.Count - count, count);

    public void SetHeight(int height)
    {
        if (Stack.Count > height) Stack.RemoveRange(height, Stack.Count - height);
    }

    /// <summary>Stores the top <paramref name="count"/> operands in temporaries; returns them bottom first.</summary>
    public LocalBuilder[] Spill(int count)
    {
        var temps = new LocalBuilder[count];
        for (int i = count - 1; i >= 0; i--)
        {
            temps[i] = IL.Rent(CilTypes.Of(Stack[Stack.Count - count + i]));
            IL.StoreLocal(temps[i]);
        }
        return temps;
    }

    /// <summary>Loads spilled operands back and gives the temporaries back to the pool.</summary>
    public void Reload(LocalBuilder[] temps)
    {
        foreach (var temp in temps)
        {
            IL.LoadLocal(temp);
            IL.Return(temp);
        }
    }

    /// <summary>Discards <paramref name="extra"/> operands just below the top <paramref name="keep"/> ones (CIL stack only).</summary>
    public void DiscardBelow(int keep, int extra)
    {
        if (extra <= 0) return;
        var temps = keep > 0 ? Spill(keep) : [];
        var saved = Stack.GetRange(Stack.Count - keep, keep);
        Pop(keep);
        for (int i = 0; i < extra; i++)
        {
            IL.Emit(OpCodes.Pop);
            Pop();
        }
        Reload(temps);
        Stack.AddRange(saved);
    }

    // Array clones, not spreads: a spread of a Heron struct list runs the framework's generic ToArray, which
    // every start of the tool would JIT-compile.
    public ValueType[] BlockParams(BlockType block) =>
        block.HasTypeIndex ? (ValueType[])Module.Types[block.TypeIndex].FunctionType.ParameterArray.Clone() : NoItems<ValueType>.Array;

    public ValueType[] BlockResults(BlockType block) =>
        block.HasTypeIndex ? (ValueType[])Module.Types[block.TypeIndex].FunctionType.ResultArray.Clone()
        : block.Result is { } result ? [result] : NoItems<ValueType>.Array;
}
