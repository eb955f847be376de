using Heron.Components.Model;

namespace Heron.Components.Validation;

/// <summary>
/// The built-ins of the asynchronous ABI and threads whose rules are only their immediates and their core
/// signature: creating and dropping streams and futures, waitable sets, and the thread index and spawn.
/// They are validated as wasm-tools validates them, so a component that holds them (in a nested component
/// it never instantiates, say) is valid; running one is refused when it is instantiated. The other
/// built-ins (reads and writes, tasks, contexts, error contexts) are refused as not supported.
/// </summary>
internal sealed partial class ComponentValidator
{
    private static readonly FunctionType NothingToI32 = new([], [ValueType.I32]);
    private static readonly FunctionType NothingToI64 = new([], [ValueType.I64]);
    private static readonly FunctionType TwoI32ToNothing = new([ValueType.I32, ValueType.I32], []);
    private static readonly FunctionType TwoI32ToI32 = new([ValueType.I32, ValueType.I32], [ValueType.I32]);

    private static FunctionType ValidateAsyncBuiltin(Scope scope, CanonUnsupported builtin)
    {
        var offset = builtin.Offset;
        switch (builtin.Name)
        {
            case "stream.new" or "future.new":
                EndType(scope, builtin);
                return NothingToI64;
            case "stream.drop-readable" or "stream.drop-writable" or "future.drop-readable" or "future.drop-writable":
                EndType(scope, builtin);
                return I32ToNothing;
            case "waitable-set.new" or "thread.index":
                return NothingToI32;
            case "waitable-set.drop":
                return I32ToNothing;
            case "waitable.join":
                return TwoI32ToNothing;
            case "waitable-set.wait" or "waitable-set.poll":
            {
                var memory = CanonicalMemory(scope, builtin.Indices[0], offset);
                return new FunctionType([ValueType.I32, memory.Is64 ? ValueType.I64 : ValueType.I32], [ValueType.I32]);
            }
            case "thread.new-indirect":
            {
                var (typeIndex, tableIndex) = (builtin.Indices[0], builtin.Indices[1]);
                if ((uint)typeIndex >= (uint)scope.CoreTypes.Count) throw Error($"unknown core type {typeIndex}: type index out of bounds", offset);
                if (scope.CoreTypes[typeIndex] is not FunctionType start) throw Error("expected a core function type", offset);
                if (!start.Parameters.SequenceEqual([ValueType.I32])) throw Error("start function must take a single `i32` argument (currently)", offset);
                if (start.Results.Count != 0) throw Error("start function must not return any values", offset);
                if ((uint)tableIndex >= (uint)scope.CoreTables.Count) throw Error($"unknown table {tableIndex}: table index out of bounds", offset);
                var table = scope.CoreTables[tableIndex];
                if (table.Is64 || table.ElementType != ValueType.FuncRef)
                    throw Error("table is not a 32-bit table of (ref null (func))", offset);
                return TwoI32ToI32;
            }
            default:
                throw new UnsupportedFeatureException($"`canon {builtin.Name}`, part of the asynchronous ABI, threads or error contexts", offset);
        }
    }

    /// <summary>The stream or future type a stream or future built-in names.</summary>
    private static void EndType(Scope scope, CanonUnsupported builtin)
    {
        var type = TypeAt(scope, builtin.Indices[0], builtin.Offset);
        var stream = builtin.Name.StartsWith("stream", StringComparison.Ordinal);
        if (stream ? type is not StreamType : type is not FutureType)
            throw Error($"`{builtin.Name}` requires a {(stream ? "stream" : "future")} type", builtin.Offset);
    }

    /// <summary>A memory the canonical ABI may use: one that exists and is not shared.</summary>
    private static MemoryType CanonicalMemory(Scope scope, int index, int offset)
    {
        if ((uint)index >= (uint)scope.CoreMemories.Count) throw Error("core memory index out of bounds", offset);
        var memory = scope.CoreMemories[index];
        if (memory.Shared) throw Error("mismatch in the shared flag for memories", offset);
        return memory;
    }
}
