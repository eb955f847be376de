using System.Reflection;
using System.Reflection.Emit;

namespace Heron.Compilation;

/// <summary>
/// The compiler's only view of IL emission: a thin layer over an <see cref="ILGenerator"/> with short
/// encodings and a pool of temporaries. The generator may come from a collectible in-memory assembly
/// (how modules run today) or from a <c>PersistedAssemblyBuilder</c> that writes an assembly to disk
/// (<c>heron compile</c>), so nothing here assumes the code runs in this process.
/// </summary>
internal sealed class CilWriter(ILGenerator il)
{
    private readonly Dictionary<Type, Stack<LocalBuilder>> temps = new();

    public ILGenerator Generator => il;

    public void Emit(OpCode op) => il.Emit(op);
    public void Emit(OpCode op, Label label) => il.Emit(op, label);
    public void Emit(OpCode op, Label[] labels) => il.Emit(op, labels);
    public void Emit(OpCode op, Type type) => il.Emit(op, type);
    public void Emit(OpCode op, FieldInfo field) => il.Emit(op, field);
    public void Emit(OpCode op, LocalBuilder local) => il.Emit(op, local);
    public void Emit(OpCode op, byte value) => il.Emit(op, value);
    public void Call(MethodInfo method) => il.Emit(method.IsVirtual && !method.IsStatic ? OpCodes.Callvirt : OpCodes.Call, method);
    public void Load(FieldInfo field) => il.Emit(OpCodes.Ldfld, field);
    public void Store(FieldInfo field) => il.Emit(OpCodes.Stfld, field);

    public Label DefineLabel() => il.DefineLabel();
    public void Mark(Label label) => il.MarkLabel(label);
    public LocalBuilder DeclareLocal(Type type) => il.DeclareLocal(type);

    public void Calli(Type returnType, Type[] parameterTypes) =>
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, parameterTypes, null);

    public void Int32(int value)
    {
        switch (value)
        {
            case -1: il.Emit(OpCodes.Ldc_I4_M1); return;
            case 0: il.Emit(OpCodes.Ldc_I4_0); return;
            case 1: il.Emit(OpCodes.Ldc_I4_1); return;
            case 2: il.Emit(OpCodes.Ldc_I4_2); return;
            case 3: il.Emit(OpCodes.Ldc_I4_3); return;
            case 4: il.Emit(OpCodes.Ldc_I4_4); return;
            case 5: il.Emit(OpCodes.Ldc_I4_5); return;
            case 6: il.Emit(OpCodes.Ldc_I4_6); return;
            case 7: il.Emit(OpCodes.Ldc_I4_7); return;
            case 8: il.Emit(OpCodes.Ldc_I4_8); return;
        }
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue) il.Emit(OpCodes.Ldc_I4_S, (sbyte)value);
        else il.Emit(OpCodes.Ldc_I4, value);
    }

    public void Int64(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Int32((int)value);
            il.Emit(OpCodes.Conv_I8);
        }
        else il.Emit(OpCodes.Ldc_I8, value);
    }

    public void Float32(float value) => il.Emit(OpCodes.Ldc_R4, value);
    public void Float64(double value) => il.Emit(OpCodes.Ldc_R8, value);

    public void LoadArg(int index)
    {
        switch (index)
        {
            case 0: il.Emit(OpCodes.Ldarg_0); return;
            case 1: il.Emit(OpCodes.Ldarg_1); return;
            case 2: il.Emit(OpCodes.Ldarg_2); return;
            case 3: il.Emit(OpCodes.Ldarg_3); return;
        }
        if (index <= byte.MaxValue) il.Emit(OpCodes.Ldarg_S, (byte)index);
        else il.Emit(OpCodes.Ldarg, (short)index);
    }

    public void StoreArg(int index)
    {
        if (index <= byte.MaxValue) il.Emit(OpCodes.Starg_S, (byte)index);
        else il.Emit(OpCodes.Starg, (short)index);
    }

    public void LoadLocal(LocalBuilder local) => il.Emit(OpCodes.Ldloc, local);
    public void StoreLocal(LocalBuilder local) => il.Emit(OpCodes.Stloc, local);
    public void LoadLocalAddress(LocalBuilder local) => il.Emit(OpCodes.Ldloca, local);

    /// <summary>A temporary of <paramref name="type"/>, reused once given back with <see cref="Return"/>.</summary>
    public LocalBuilder Rent(Type type)
    {
        if (temps.TryGetValue(type, out var pool) && pool.Count > 0) return pool.Pop();
        return il.DeclareLocal(type);
    }

    public void Return(LocalBuilder local)
    {
        if (!temps.TryGetValue(local.LocalType, out var pool)) temps[local.LocalType] = pool = new Stack<LocalBuilder>();
        pool.Push(local);
    }
}
