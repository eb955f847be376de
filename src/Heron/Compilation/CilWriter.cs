using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The compiler's only view of IL emission: a thin layer over an <see cref="ILGenerator"/> with short
/// encodings and a pool of temporaries. The generator may come from a collectible in-memory assembly
/// (how modules run today) or from a <c>PersistedAssemblyBuilder</c> that writes an assembly to disk
/// (<c>heron compile</c>), so nothing here assumes the code runs in this process. With a
/// <see cref="CilListing"/>, every instruction is also recorded as text (<c>heron inspect --il</c>), so the
/// listing shows exactly what was emitted rather than a disassembly of the bytes. With a
/// <see cref="TokenCache"/> (in-memory modules), members are emitted as cached tokens.
/// </summary>
internal sealed class CilWriter(ILGenerator il, CilListing? listing = null, TokenCache? tokens = null)
{
    /// <summary>
    /// A call emitted as a bare token is counted by the generator's stack tracking as pushing and popping
    /// nothing, so the <c>maxstack</c> it computes grows by the call's arguments minus its result. Past
    /// this much growth in one body, calls are emitted the slow, exact way, which keeps the 16-bit
    /// <c>maxstack</c> far from overflowing; a call that pushes more than it pops is always exact.
    /// </summary>
    private const int MaxStackSlack = 16384;

    private readonly Dictionary<Type, Stack<LocalBuilder>> temps = new();
    private int stackSlack;

    public ILGenerator Generator => il;

    /// <summary>The token cache this writer emits members through, if any (shared with writers of the same thread).</summary>
    public TokenCache? Tokens => tokens;

    public void Emit(OpCode op) { listing?.Op(op); il.Emit(op); }
    public void Emit(OpCode op, Label label) { listing?.Op(op, CilListing.Name(label)); il.Emit(op, label); }
    public void Emit(OpCode op, Label[] labels) { listing?.Op(op, string.Join(", ", labels.Select(CilListing.Name))); il.Emit(op, labels); }
    public void Emit(OpCode op, Type type)
    {
        listing?.Op(op, type.Name);
        if (tokens is null) il.Emit(op, type);
        else il.Emit(op, tokens.Of(type)); // the opcode's own stack effect is exact for type operands
    }

    public void Emit(OpCode op, FieldInfo field)
    {
        listing?.Op(op, CilListing.Name(field));
        if (tokens is null) il.Emit(op, field);
        else il.Emit(op, tokens.Of(field)); // and for field operands
    }
    public void Emit(OpCode op, LocalBuilder local) { listing?.Op(op, CilListing.Name(local)); il.Emit(op, local); }
    public void Emit(OpCode op, sbyte value) { listing?.Op(op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); il.Emit(op, value); }
    public void Emit(OpCode op, short value) { listing?.Op(op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); il.Emit(op, value); }
    public void Emit(OpCode op, int value) { listing?.Op(op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); il.Emit(op, value); }
    public void Emit(OpCode op, long value) { listing?.Op(op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); il.Emit(op, value); }
    public void Emit(OpCode op, byte value) { listing?.Op(op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)); il.Emit(op, value); }

    public void Call(MethodInfo method)
    {
        var op = method.IsVirtual && !method.IsStatic ? OpCodes.Callvirt : OpCodes.Call;
        listing?.Op(op, CilListing.Name(method));
        // A function of the module being built (a MethodBuilder) costs the generator nothing to name.
        if (tokens is not null && method is not MethodBuilder && tokens.Of(method) is var (token, slack) && TakeSlack(slack)) il.Emit(op, token);
        else il.Emit(op, method);
    }

    private bool TakeSlack(int slack)
    {
        if (slack < 0 || stackSlack + slack > MaxStackSlack) return false;
        stackSlack += slack;
        return true;
    }

    public void Load(FieldInfo field) => Emit(OpCodes.Ldfld, field);
    public void Store(FieldInfo field) => Emit(OpCodes.Stfld, field);

    public Label DefineLabel() => il.DefineLabel();

    /// <summary>Opens a protected region (the CIL stack must be empty).</summary>
    public void BeginTry()
    {
        listing?.Note("  .try {");
        il.BeginExceptionBlock();
    }

    /// <summary>Ends the protected region and starts its handler for exceptions of <paramref name="type"/> (on the stack at entry).</summary>
    public void BeginCatch(Type type)
    {
        listing?.Note($"  }} catch {type.Name} {{");
        // The generator looks the type's token up itself: serialised with the token cache's lookups.
        if (tokens is null) il.BeginCatchBlock(type);
        else tokens.Locked(() => il.BeginCatchBlock(type));
        // The generator's maxstack does not count the exception a handler starts with: a method whose
        // only use of the stack is that (a legacy catch_all that stores it and returns nothing) would
        // declare a maxstack of 0, which the JIT rejects as an invalid program. A dup makes it count.
        Emit(OpCodes.Dup);
        Emit(OpCodes.Pop);
    }

    /// <summary>Closes the handler; execution continues after it only through explicit <c>leave</c>s.</summary>
    public void EndTry()
    {
        listing?.Note("  }");
        il.EndExceptionBlock();
    }

    public void Mark(Label label)
    {
        listing?.Mark(label);
        il.MarkLabel(label);
    }

    public LocalBuilder DeclareLocal(Type type)
    {
        var local = il.DeclareLocal(type);
        listing?.Declare(local);
        return local;
    }

    public void Calli(Type returnType, Type[] parameterTypes)
    {
        listing?.Op(OpCodes.Calli, $"{returnType.Name}({string.Join(", ", parameterTypes.Select(t => t.Name))})");
        if (tokens is not null && TakeSlack(parameterTypes.Length + 1 - (returnType == typeof(void) ? 0 : 1)))
            il.Emit(OpCodes.Calli, tokens.Of(returnType, parameterTypes));
        else if (tokens is not null) tokens.Locked(() => il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, parameterTypes, null));
        else il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, parameterTypes, null);
    }

    public void Int32(int value)
    {
        switch (value)
        {
            case -1: Emit(OpCodes.Ldc_I4_M1); return;
            case 0: Emit(OpCodes.Ldc_I4_0); return;
            case 1: Emit(OpCodes.Ldc_I4_1); return;
            case 2: Emit(OpCodes.Ldc_I4_2); return;
            case 3: Emit(OpCodes.Ldc_I4_3); return;
            case 4: Emit(OpCodes.Ldc_I4_4); return;
            case 5: Emit(OpCodes.Ldc_I4_5); return;
            case 6: Emit(OpCodes.Ldc_I4_6); return;
            case 7: Emit(OpCodes.Ldc_I4_7); return;
            case 8: Emit(OpCodes.Ldc_I4_8); return;
        }
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue) Emit(OpCodes.Ldc_I4_S, (sbyte)value);
        else Emit(OpCodes.Ldc_I4, value);
    }

    public void Int64(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Int32((int)value);
            Emit(OpCodes.Conv_I8);
        }
        else Emit(OpCodes.Ldc_I8, value);
    }

    public void Float32(float value) { listing?.Op(OpCodes.Ldc_R4, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); il.Emit(OpCodes.Ldc_R4, value); }
    public void Float64(double value) { listing?.Op(OpCodes.Ldc_R8, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); il.Emit(OpCodes.Ldc_R8, value); }

    public void LoadArg(int index)
    {
        switch (index)
        {
            case 0: Emit(OpCodes.Ldarg_0); return;
            case 1: Emit(OpCodes.Ldarg_1); return;
            case 2: Emit(OpCodes.Ldarg_2); return;
            case 3: Emit(OpCodes.Ldarg_3); return;
        }
        if (index <= byte.MaxValue) Emit(OpCodes.Ldarg_S, (byte)index);
        else Emit(OpCodes.Ldarg, (short)index);
    }

    public void LoadArgAddress(int index)
    {
        if (index <= byte.MaxValue) Emit(OpCodes.Ldarga_S, (byte)index);
        else Emit(OpCodes.Ldarga, (short)index);
    }

    public void StoreArg(int index)
    {
        if (index <= byte.MaxValue) Emit(OpCodes.Starg_S, (byte)index);
        else Emit(OpCodes.Starg, (short)index);
    }

    public void LoadLocal(LocalBuilder local) => Emit(OpCodes.Ldloc, local);
    public void StoreLocal(LocalBuilder local) => Emit(OpCodes.Stloc, local);
    public void LoadLocalAddress(LocalBuilder local) => Emit(OpCodes.Ldloca, local);

    /// <summary>A temporary of <paramref name="type"/>, reused once given back with <see cref="Return"/>.</summary>
    public LocalBuilder Rent(Type type)
    {
        if (temps.TryGetValue(type, out var pool) && pool.Count > 0) return pool.Pop();
        return DeclareLocal(type);
    }

    public void Return(LocalBuilder local)
    {
        if (!temps.TryGetValue(local.LocalType, out var pool)) temps[local.LocalType] = pool = new Stack<LocalBuilder>();
        pool.Push(local);
    }
}
