namespace Heron.Cli;

/// <summary>
/// Satisfies function imports that nothing else defines, as <c>-W unknown-imports-trap=y</c> (calling one
/// traps) or <c>-W unknown-imports-default=y</c> (calling one returns zeros) ask. The benchmark programs
/// need this for their <c>bench.start</c>/<c>bench.end</c> imports.
/// </summary>
internal static class UnknownImports
{
    public static void Define(Linker linker, Store store, Module module, bool trap)
    {
        foreach (var import in module.Imports)
        {
            if (import.Kind != ExternKind.Function || import.FunctionType is not { } type) continue;
            if (linker.Get(store, import.Module, import.Name) != null) continue;
            var where = $"{import.Module}::{import.Name}";
            if (trap)
            {
                linker.DefineFunction(import.Module, import.Name, type, (_, _) =>
                    throw new TrapException(TrapCode.HostError, $"unknown import: {where} has not been defined"));
            }
            else
            {
                // A loop, not LINQ over Heron's structs: that generic code would be JIT-compiled at every start.
                var results = new Value[type.Results.Count];
                for (int i = 0; i < results.Length; i++) results[i] = Value.Default(type.Results[i]);
                linker.DefineFunction(import.Module, import.Name, type, (_, _) => (Value[])results.Clone());
            }
        }
    }
}
