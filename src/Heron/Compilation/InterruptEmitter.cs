using System.Reflection;
using System.Reflection.Emit;
using Heron.Binary;
using Heron.Instructions;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>
/// Emits the fuel and epoch checks of one function, only when the engine enables them (otherwise the
/// compiler makes no emitter and the code has no trace of them). Fuel: the cost of the instructions of a
/// basic block is summed while it is compiled and charged with one subtract-and-compare just before the
/// instruction that ends the block (see <see cref="FuelCosts"/>). The fuel lives in a local of the
/// function (a register, for the JIT) and goes back to the store only where other code may read it:
/// before calls (reloaded after them) and before returns, as Wasmtime does. Epochs: one volatile load of the engine's
/// counter and a compare with the store's deadline at function entry and at every loop header, which
/// every back-edge passes through.
/// </summary>
internal sealed class InterruptEmitter
{
    private static readonly FieldInfo RuntimeFuel = Field(typeof(StoreRuntime), nameof(StoreRuntime.Fuel));
    private static readonly FieldInfo RuntimeEpoch = Field(typeof(StoreRuntime), nameof(StoreRuntime.Epoch));
    private static readonly FieldInfo RuntimeEpochDeadline = Field(typeof(StoreRuntime), nameof(StoreRuntime.EpochDeadline));
    private static readonly FieldInfo EpochValue = Field(typeof(EpochCounter), nameof(EpochCounter.Value));
    private static readonly MethodInfo OutOfFuel = CilTypes.Method(typeof(InterruptHelpers), nameof(InterruptHelpers.OutOfFuel));
    private static readonly MethodInfo EpochDeadlineReached = CilTypes.Method(typeof(InterruptHelpers), nameof(InterruptHelpers.EpochDeadlineReached));

    private readonly FunctionCompiler compiler;
    private readonly bool fuel;
    private readonly bool epochs;
    private LocalBuilder? runtime;
    private LocalBuilder? remaining;
    private LocalBuilder? epochCounter;
    private LocalBuilder? deadline;
    private long pending;

    private InterruptEmitter(FunctionCompiler compiler, bool fuel, bool epochs)
    {
        this.compiler = compiler;
        this.fuel = fuel;
        this.epochs = epochs;
    }

    /// <summary>The emitter for a function, or null when the engine enables neither fuel nor epochs.</summary>
    public static InterruptEmitter? For(EngineConfig config, FunctionCompiler compiler) =>
        config.ConsumeFuel || config.EpochInterruption ? new InterruptEmitter(compiler, config.ConsumeFuel, config.EpochInterruption) : null;

    private CilWriter IL => compiler.IL;

    /// <summary>At function entry, after the stack check: keeps the store's runtime in a local; checks the epoch.</summary>
    public void EmitPrologue()
    {
        runtime = IL.DeclareLocal(typeof(StoreRuntime));
        compiler.LoadContext();
        IL.Load(RuntimeMembers.ContextRuntime);
        IL.StoreLocal(runtime);
        if (fuel)
        {
            remaining = IL.DeclareLocal(typeof(long));
            EmitReload();
            EmitFuelCheck();
        }
        if (epochs)
        {
            // The engine's counter object never changes for a store, and the deadline changes only when
            // the host runs (calls): both live in locals, so a loop header pays one volatile load and a
            // compare instead of a chain of four loads.
            epochCounter = IL.DeclareLocal(typeof(EpochCounter));
            IL.LoadLocal(runtime!);
            IL.Load(RuntimeEpoch);
            IL.StoreLocal(epochCounter);
            deadline = IL.DeclareLocal(typeof(ulong));
            EmitDeadlineReload();
            EmitEpochCheck();
        }
    }

    /// <summary>Before an instruction is compiled: adds its cost, and charges the block when it ends one.</summary>
    public void Before(in Instruction instruction)
    {
        // An else or end after unreachable code is compiled too, but nothing may be emitted before it.
        if (!fuel || !compiler.Reachable) return;
        pending += FuelCosts.Of(instruction.Opcode);
        if (!FuelCosts.EndsBlock(instruction.Opcode)) return;
        EmitCharge();
        if (LeavesFunction(in instruction) || FuelCosts.Calls(instruction.Opcode)) EmitSpill();
        // A call is a place where fuel may run out for good (the callee checks on entry, but a host
        // function does not), so it checks as well as charges.
        if (FuelCosts.Calls(instruction.Opcode)) EmitFuelCheck();
    }

    /// <summary>Whether the instruction may return from the function (so the store must have the fuel).</summary>
    private bool LeavesFunction(in Instruction instruction)
    {
        var control = compiler.Control;
        switch (instruction.Opcode)
        {
            case Opcode.Return:
                return true;
            case Opcode.End:
                return control.Count == 1;
            case Opcode.Br:
            case Opcode.BrIf:
            case Opcode.BrOnNull:
            case Opcode.BrOnNonNull:
                return (int)instruction.Index == control.Count - 1;
            case Opcode.BrTable:
                foreach (var depth in instruction.Labels!)
                    if (depth == control.Count - 1) return true;
                return false;
            case Opcode.Throw:
            case Opcode.ThrowRef:
            case Opcode.Rethrow:
                return true;
            default:
                return false;
        }
    }

    /// <summary>After an instruction is compiled: a loop's label is placed now, so its header gets the epoch check.</summary>
    public void After(in Instruction instruction)
    {
        // Code after an unconditional transfer (br, unreachable) is never run: nothing of it is charged.
        if (!compiler.Reachable) pending = 0;
        else if (FuelCosts.Calls(instruction.Opcode))
        {
            if (fuel) EmitReload();
            if (epochs) EmitDeadlineReload();
        }
        if (fuel && compiler.Reachable && instruction.Opcode == Opcode.Loop) EmitFuelCheck();
        if (epochs && instruction.Opcode == Opcode.Loop) EmitEpochCheck();
    }

    /// <summary>
    /// Where a caught exception lands: the callee that threw spent fuel from the store (this function's
    /// local still holds what it was before the call), and a host function may have moved the deadline.
    /// </summary>
    public void AfterCatch()
    {
        if (fuel) EmitReload();
        if (epochs) EmitDeadlineReload();
    }

    /// <summary>fuel -= pending; if it went below zero, trap. Leaves the CIL stack as it was.</summary>
    // Charging only subtracts: the check that traps is made where execution can go on without bound
    // (function entry, loop headers) and before calls, as Wasmtime does. Fuel may then run a block or two
    // below zero before the trap, and straight-line code pays one subtraction per block instead of a
    // compare and branch as well (measured on the sightglass set: overhead about 1.4x -> see
    // docs/performance.md).
    private void EmitCharge()
    {
        if (pending == 0) return;
        IL.LoadLocal(remaining!);
        IL.Int64(pending);
        IL.Emit(OpCodes.Sub);
        IL.StoreLocal(remaining!);
        pending = 0;
    }

    private void EmitFuelCheck()
    {
        var ok = IL.DefineLabel();
        IL.LoadLocal(remaining!);
        IL.Int64(0);
        IL.Emit(OpCodes.Bge, ok);
        IL.LoadLocal(runtime!);
        IL.Call(OutOfFuel);
        IL.Emit(OpCodes.Throw);
        IL.Mark(ok);
    }

    /// <summary>The store's fuel into the function's local (at entry and after calls).</summary>
    private void EmitReload()
    {
        IL.LoadLocal(runtime!);
        IL.Load(RuntimeFuel);
        IL.StoreLocal(remaining!);
    }

    /// <summary>The function's fuel back to the store (before calls and returns).</summary>
    private void EmitSpill()
    {
        IL.LoadLocal(runtime!);
        IL.LoadLocal(remaining!);
        IL.Store(RuntimeFuel);
    }

    /// <summary>
    /// if (engine epoch >= store deadline) trap. The load is volatile so the JIT never hoists it out of a
    /// loop: another thread moves the epoch.
    /// </summary>
    private void EmitDeadlineReload()
    {
        IL.LoadLocal(runtime!);
        IL.Load(RuntimeEpochDeadline);
        IL.StoreLocal(deadline!);
    }

    private void EmitEpochCheck()
    {
        var ok = IL.DefineLabel();
        IL.LoadLocal(epochCounter!);
        IL.Emit(OpCodes.Volatile);
        IL.Load(EpochValue);
        IL.LoadLocal(deadline!);
        IL.Emit(OpCodes.Blt_Un, ok);
        IL.Call(EpochDeadlineReached);
        IL.Emit(OpCodes.Throw);
        IL.Mark(ok);
    }

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new InvalidOperationException($"{type}.{name} not found");
}
