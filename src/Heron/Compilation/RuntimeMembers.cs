using System.Reflection;
using Heron.Runtime;

namespace Heron.Compilation;

/// <summary>The runtime fields and helper methods compiled code refers to, looked up once.</summary>
internal static class RuntimeMembers
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    public static readonly FieldInfo ContextMemory0 = Field(typeof(InstanceContext), nameof(InstanceContext.Memory0));
    public static readonly FieldInfo ContextMemories = Field(typeof(InstanceContext), nameof(InstanceContext.Memories));
    public static readonly FieldInfo ContextTables = Field(typeof(InstanceContext), nameof(InstanceContext.Tables));
    public static readonly FieldInfo ContextTable0 = Field(typeof(InstanceContext), nameof(InstanceContext.Table0));
    public static readonly FieldInfo ContextGlobals = Field(typeof(InstanceContext), nameof(InstanceContext.Globals));
    public static readonly FieldInfo ContextGlobal0 = Field(typeof(InstanceContext), nameof(InstanceContext.Global0));
    public static readonly FieldInfo ContextFunctions = Field(typeof(InstanceContext), nameof(InstanceContext.Functions));
    public static readonly FieldInfo ContextSignatureIds = Field(typeof(InstanceContext), nameof(InstanceContext.SignatureIds));
    public static readonly FieldInfo ContextTypes = Field(typeof(InstanceContext), nameof(InstanceContext.Types));
    public static readonly FieldInfo ContextRuntime = Field(typeof(InstanceContext), nameof(InstanceContext.Runtime));
    public static readonly FieldInfo ContextHostTarget = Field(typeof(InstanceContext), nameof(InstanceContext.HostTarget));
    public static readonly FieldInfo RuntimeStackLimit = Field(typeof(StoreRuntime), nameof(StoreRuntime.StackLimit));
    public static readonly FieldInfo MemoryBase = Field(typeof(LinearMemory), nameof(LinearMemory.Base));
    public static readonly FieldInfo MemoryLengthComplement = Field(typeof(LinearMemory), nameof(LinearMemory.LengthComplement));
    public static readonly FieldInfo FunctionCode = Field(typeof(FunctionInstance), nameof(FunctionInstance.Code));
    public static readonly FieldInfo FunctionContext = Field(typeof(FunctionInstance), nameof(FunctionInstance.Context));
    public static readonly FieldInfo GlobalI32 = Field(typeof(GlobalCell), nameof(GlobalCell.I32));
    public static readonly FieldInfo GlobalI64 = Field(typeof(GlobalCell), nameof(GlobalCell.I64));
    public static readonly FieldInfo GlobalF32 = Field(typeof(GlobalCell), nameof(GlobalCell.F32));
    public static readonly FieldInfo GlobalF64 = Field(typeof(GlobalCell), nameof(GlobalCell.F64));
    public static readonly FieldInfo GlobalV128Box = Field(typeof(GlobalCell), nameof(GlobalCell.V128));
    public static readonly FieldInfo V128BoxValue = Field(typeof(V128Box), nameof(V128Box.Value));
    public static readonly FieldInfo GlobalRef = Field(typeof(GlobalCell), nameof(GlobalCell.Ref));
    public static readonly FieldInfo EntryCode = Field(typeof(EntryTarget), nameof(EntryTarget.Code));
    public static readonly FieldInfo EntryContext = Field(typeof(EntryTarget), nameof(EntryTarget.Context));
    public static readonly FieldInfo EntryRuntime = Field(typeof(EntryTarget), nameof(EntryTarget.Runtime));

    public static FieldInfo GlobalField(ValueType type) => type.Kind switch
    {
        ValueKind.I32 => GlobalI32,
        ValueKind.I64 => GlobalI64,
        ValueKind.F32 => GlobalF32,
        ValueKind.F64 => GlobalF64,
        ValueKind.V128 => V128BoxValue, // a field of the cell's V128Box (GlobalV128Box)
        _ => GlobalRef,
    };

    public static MethodInfo Trap(string name) => CilTypes.Method(typeof(TrapHelpers), name);
    public static MethodInfo Numeric(string name) => CilTypes.Method(typeof(NumericHelpers), name);
    public static MethodInfo Of(Type type, string name) => CilTypes.Method(type, name);

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Instance) ?? throw new InvalidOperationException($"{type}.{name} not found");
}
