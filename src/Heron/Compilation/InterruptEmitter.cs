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
/// instruction that ends the block (see <see cref="FuelCosts"/>). Epochs: one volatile load of the engine's
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
        if (fuel) remaining = IL.DeclareLocal(typeof(long));
        if (epochs) EmitEpochCheck();
    }

    /// <summary>Before an instruction is compiled: adds its cost, and charges the block when it ends one.</summary>
    public void Before(in Instruction instruction)
    {
        if (!fuel) return;
        pending += FuelCosts.Of(instruction.Opcode);
        if (FuelCosts.EndsBlock(instruction.Opcode)) EmitCharge();
    }

    /// <summary>After an instruction is compiled: a loop's label is placed now, so its header gets the epoch check.</summary>
    public void After(in Instruction instruction)
    {
        // Code after an unconditional transfer (br, unreachable) is never run: nothing of it is charged.
        if (!compiler.Reachable) pending = 0;
        if (epochs && instruction.Opcode == Opcode.Loop) EmitEpochCheck();
    }

    /// <summary>runtime.Fuel -= pending; if it went below zero, trap. Leaves the CIL stack as it was.</summary>
    private void EmitCharge()
    {
        if (pending == 0) return;
        var ok = IL.DefineLabel();
        IL.LoadLocal(runtime!);
        IL.Load(RuntimeFuel);
        IL.Int64(pending);
        IL.Emit(OpCodes.Sub);
        IL.StoreLocal(remaining!);
        IL.LoadLocal(runtime!);
        IL.LoadLocal(remaining!);
        IL.Store(RuntimeFuel);
        IL.LoadLocal(remaining!);
        IL.Int64(0);
        IL.Emit(OpCodes.Bge, ok);
        IL.LoadLocal(runtime!);
        IL.Call(OutOfFuel);
        IL.Mark(ok);
        pending = 0;
    }

    /// <summary>
    /// if (engine epoch >= store deadline) trap. The load is volatile so the JIT never hoists it out of a
    /// loop: another thread moves the epoch.
    /// </summary>
    private void EmitEpochCheck()
    {
        var ok = IL.DefineLabel();
        IL.LoadLocal(runtime!);
        IL.Load(RuntimeEpoch);
        IL.Emit(OpCodes.Volatile);
        IL.Load(EpochValue);
        IL.LoadLocal(runtime!);
        IL.Load(RuntimeEpochDeadline);
        IL.Emit(OpCodes.Blt_Un, ok);
        IL.Call(EpochDeadlineReached);
        IL.Mark(ok);
    }

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new InvalidOperationException($"{type}.{name} not found");
}
