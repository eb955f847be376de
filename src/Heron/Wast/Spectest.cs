namespace Heron.Wast;

/// <summary>
/// The <c>spectest</c> module every spec script may import from: print functions that do nothing
/// visible, globals of value 666, a funcref table of 10 to 20 elements, a memory of 1 to 2 pages and a shared one alike (threads).
/// </summary>
internal static class Spectest
{
    public static void Define(Linker linker, Store store)
    {
        linker.DefineFunction("spectest", "print", () => { });
        linker.DefineFunction("spectest", "print_i32", (int _) => { });
        linker.DefineFunction("spectest", "print_i64", (long _) => { });
        linker.DefineFunction("spectest", "print_f32", (float _) => { });
        linker.DefineFunction("spectest", "print_f64", (double _) => { });
        linker.DefineFunction("spectest", "print_i32_f32", (int _, float _) => { });
        linker.DefineFunction("spectest", "print_f64_f64", (double _, double _) => { });
        linker.Define("spectest", "global_i32", new Global(store, new GlobalType(ValueType.I32, false), Value.I32(666)));
        linker.Define("spectest", "global_i64", new Global(store, new GlobalType(ValueType.I64, false), Value.I64(666)));
        linker.Define("spectest", "global_f32", new Global(store, new GlobalType(ValueType.F32, false), Value.F32(666.6f)));
        linker.Define("spectest", "global_f64", new Global(store, new GlobalType(ValueType.F64, false), Value.F64(666.6)));
        linker.Define("spectest", "table", new Table(store, new TableType(ValueType.FuncRef, new Limits(10, 20)), Value.Null(ValueType.FuncRef)));
        linker.Define("spectest", "table64", new Table(store, new TableType(ValueType.FuncRef, new Limits(10, 20), Is64: true), Value.Null(ValueType.FuncRef)));
        linker.Define("spectest", "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
        linker.Define("spectest", "shared_memory", new Memory(store, new MemoryType(new Limits(1, 2), Shared: true)));
    }
}
