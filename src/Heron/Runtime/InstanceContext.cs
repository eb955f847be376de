namespace Heron.Runtime;

/// <summary>
/// What compiled code of one instance sees (the part Wasmtime calls the VMContext), passed to every
/// compiled function as its last argument. Fields that hot paths read are plain fields: memory 0,
/// table 0, the globals, the function index space and the store's runtime limits.
/// A host function gets a context of its own that only carries <see cref="HostTarget"/> and <see cref="Caller"/>.
/// </summary>
internal sealed class InstanceContext
{
    public LinearMemory? Memory0;
    public LinearMemory[] Memories = [];
    public TableInstance? Table0;
    public TableInstance[] Tables = [];
    public GlobalCell[] Globals = [];
    /// <summary>
    /// Global 0 again, read by compiled code without the array's bounds check: LLVM and TinyGo keep the
    /// stack pointer there, read and written by most functions (regex: JIT cycles -4.5%, a block fewer per
    /// function). Set once the globals are created, before any code of the instance runs.
    /// </summary>
    public GlobalCell? Global0;
    /// <summary>The whole function index space: imports first, then defined functions.</summary>
    public FunctionInstance[] Functions = [];
    /// <summary>The tag index space: imports first, then defined tags (a tag is matched by identity).</summary>
    public Tag[] Tags = [];
    public StoreRuntime Runtime;
    /// <summary>
    /// The engine-wide signature id of each of the module's types, by type index: what call_indirect
    /// compares with in code that must not bake the ids of the engine that compiled it (a precompiled module).
    /// </summary>
    public int[] SignatureIds = [];
    /// <summary>The engine's run-time type of each of the module's types, by type index: what GC allocations and casts use.</summary>
    public CanonicalType[] Types = [];

    /// <summary>Element segments after evaluation; a dropped segment is an empty array.</summary>
    public object?[][] ElementSegments = [];
    /// <summary>Data segments as ranges of <see cref="ModuleBytes"/>; a dropped one has length 0.</summary>
    public Model.ByteRange[] DataSegments = NoItems<Model.ByteRange>.Array;
    public byte[] ModuleBytes = [];

    /// <summary>For a host function: the delegate or callback it calls.</summary>
    public object? HostTarget;
    /// <summary>For a host function: the instance that imported it (the <see cref="Heron.Caller"/>).</summary>
    public InstanceContext? Caller;
    /// <summary>The public instance, for exports looked up through a <see cref="Heron.Caller"/>.</summary>
    public Instance? Instance;

    public InstanceContext(StoreRuntime runtime) => Runtime = runtime;

    /// <summary>memory.init from compiled code.</summary>
    public static void MemoryInit(int destination, int source, int count, InstanceContext context, int segment, int memory)
    {
        var range = context.DataSegments[segment];
        ulong s = (uint)source, n = (uint)count;
        var target = context.Memories[memory];
        if (s + n > (ulong)range.Length || (uint)destination + n > target.Length) TrapHelpers.MemoryOutOfBounds();
        target.Initialize((uint)destination, context.ModuleBytes.AsSpan(range.Start + (int)s, (int)n));
    }

    /// <summary>memory.init into a 64-bit memory: the destination is an i64.</summary>
    public static void MemoryInit64(long destination, int source, int count, InstanceContext context, int segment, int memory)
    {
        var range = context.DataSegments[segment];
        ulong s = (uint)source, n = (uint)count, d = (ulong)destination;
        var target = context.Memories[memory];
        if (s + n > (ulong)range.Length || n > target.Length || d > target.Length - n) TrapHelpers.MemoryOutOfBounds();
        target.Initialize(d, context.ModuleBytes.AsSpan(range.Start + (int)s, (int)n));
    }

    public static void DataDrop(InstanceContext context, int segment) => context.DataSegments[segment] = default;

    /// <summary>table.init from compiled code.</summary>
    public static void TableInit(int destination, int source, int count, InstanceContext context, int segment, int table) =>
        context.Tables[table].Initialize((uint)destination, context.ElementSegments[segment], (uint)source, (uint)count);

    /// <summary>table.init into a 64-bit table: the destination is an i64.</summary>
    public static void TableInit64(long destination, int source, int count, InstanceContext context, int segment, int table) =>
        context.Tables[table].Initialize((ulong)destination, context.ElementSegments[segment], (uint)source, (uint)count);

    public static void ElemDrop(InstanceContext context, int segment) => context.ElementSegments[segment] = [];

    /// <summary>ref.func from compiled code.</summary>
    public static object RefFunc(InstanceContext context, int function) => context.Functions[function];
}
