using Heron.Model;
using Heron.Runtime;

namespace Heron;

/// <summary>
/// Instantiation in the order of the 2.0 specification: check and bind imports, create functions,
/// globals, tables and memories, evaluate element segments, apply active element segments then active
/// data segments one by one (a trapping segment leaves the writes of those before it in place), drop
/// them, and run the start function.
/// </summary>
internal static class Instantiator
{
    public static Instance Instantiate(Store store, Module module, object?[] imports)
    {
        // Entered as a call from the host is, so that a store instantiating on one thread is refused to another.
        HostEntry.Enter(store.Runtime);
        try
        {
            return InstantiateEntered(store, module, imports);
        }
        catch (OverflowException fault) when (MemoryFault.IsFault(fault))
        {
            throw MemoryFault.Trap(fault);
        }
        finally
        {
            HostEntry.Exit(store.Runtime);
        }
    }

    private static Instance InstantiateEntered(Store store, Module module, object?[] imports)
    {
        var m = module.Description;
        var compiled = module.Compiled;
        var engine = store.Engine;
        var registry = engine.Signatures;
        var ids = compiled.SignatureIds;
        var runtime = store.Runtime;
        var context = new InstanceContext(runtime) { ModuleBytes = m.Bytes, SignatureIds = ids, Types = registry.ForIds(ids) };

        var functions = new FunctionInstance[m.FunctionCount];
        var tables = new TableInstance[m.TableCount];
        var tableWrappers = new Table[m.TableCount];
        var memories = new LinearMemory[m.MemoryCount];
        var memoryWrappers = new Memory[m.MemoryCount];
        var globals = new GlobalCell[m.GlobalCount];
        var globalWrappers = new Global[m.GlobalCount];
        var tags = new Tag[m.TagCount];
        int functionCount = 0, tableCount = 0, memoryCount = 0, globalCount = 0, tagCount = 0;

        for (int i = 0; i < m.Imports.Length; i++)
        {
            var import = m.Imports[i];
            var definition = imports[i];
            switch (import.Kind)
            {
                case ExternKind.Function:
                {
                    var expected = m.Types[import.TypeIndex].FunctionType;
                    FunctionInstance function;
                    if (definition is HostFunctionDefinition host)
                    {
                        if (!registry.IsSubtype(host.SignatureId, ids[import.TypeIndex])) throw Incompatible(import, $"expected {expected}, got {host.Type}");
                        function = host.Bind(runtime, context);
                    }
                    else if (definition is Function given)
                    {
                        CheckStore(import, given, runtime);
                        // Function types match by declared subtyping of canonical types, never by shape alone.
                        if (!registry.IsSubtype(given.Runtime.SignatureId, ids[import.TypeIndex])) throw Incompatible(import, $"expected {expected}, got {given.Type}");
                        function = given.Runtime;
                    }
                    else throw Incompatible(import, $"expected a function, got {KindOf(definition)}");
                    functions[functionCount++] = function;
                    break;
                }
                case ExternKind.Table:
                {
                    if (definition is not Table table) throw Incompatible(import, $"expected a table, got {KindOf(definition)}");
                    CheckStore(import, table, runtime);
                    var actual = table.Runtime;
                    if (!registry.Equivalent(actual.CanonicalElement, SignatureRegistry.Canonical(import.Table.ElementType, ids)) || actual.Type.Is64 != import.Table.Is64)
                        throw Incompatible(import, $"expected a table of {import.Table.ElementType}, got {actual.Type.ElementType}");
                    if (!LimitsMatch(actual.CurrentLimits, import.Table.Limits))
                        throw Incompatible(import, $"table limits {actual.CurrentLimits} do not match {import.Table.Limits}");
                    tableWrappers[tableCount] = table;
                    tables[tableCount++] = actual;
                    break;
                }
                case ExternKind.Memory:
                {
                    if (definition is not Memory memory) throw Incompatible(import, $"expected a memory, got {KindOf(definition)}");
                    CheckStore(import, memory, runtime);
                    var actual = memory.Runtime;
                    if (actual.Type.Is64 != import.Memory.Is64 || actual.Type.Shared != import.Memory.Shared
                        || actual.Type.PageSizeLog2 != import.Memory.PageSizeLog2)
                        throw Incompatible(import, $"expected memory {import.Memory}, got {actual.Type}");
                    if (!LimitsMatch(actual.CurrentLimits, import.Memory.Limits))
                        throw Incompatible(import, $"memory limits {actual.CurrentLimits} do not match {import.Memory.Limits}");
                    if (actual.Type.Shared) store.UseSharedMemory(actual);
                    memoryWrappers[memoryCount] = memory;
                    memories[memoryCount++] = actual;
                    break;
                }
                case ExternKind.Global:
                {
                    if (definition is not Global global) throw Incompatible(import, $"expected a global, got {KindOf(definition)}");
                    CheckStore(import, global, runtime);
                    if (!GlobalMatches(registry, global.Cell, import.Global, ids)) throw Incompatible(import, $"expected global {import.Global}, got {global.Type}");
                    globalWrappers[globalCount] = global;
                    globals[globalCount++] = global.Cell;
                    break;
                }
                case ExternKind.Tag:
                {
                    if (definition is not Tag tag) throw Incompatible(import, $"expected a tag, got {KindOf(definition)}");
                    CheckStore(import, tag, runtime);
                    var expected = m.Types[import.TypeIndex].FunctionType;
                    if (!tag.Type.Equals(expected) || tag.TypeKey != Validation.TypeIdentity.Of(m.Types, import.TypeIndex)) throw Incompatible(import, $"expected tag {expected}, got {tag.Type}");
                    tags[tagCount++] = tag;
                    break;
                }
                default:
                    throw Incompatible(import, $"imports of kind {import.Kind} are not supported");
            }
        }

        store.AddInstance(m);
        for (int j = 0; j < m.FunctionTypeIndices.Length; j++)
        {
            var typeIndex = m.FunctionTypeIndices[j];
            functions[m.ImportedFunctionCount + j] = new FunctionInstance(
                compiled.CodePointers[j], registry[ids[typeIndex]], m.Types[typeIndex].FunctionType, context)
            { Index = m.ImportedFunctionCount + j };
        }
        context.Functions = functions;
        context.Globals = globals;
        // Each instantiation makes new tags: a tag is matched by identity, never by its type.
        foreach (var typeIndex in m.Tags) tags[tagCount++] = new Tag(m.Types[typeIndex].FunctionType, Validation.TypeIdentity.Of(m.Types, typeIndex), runtime);
        context.Tags = tags;

        // Globals are initialised in order; an initialiser may read imported (and, in 3.0, earlier) globals.
        foreach (var global in m.Globals)
        {
            var cell = new GlobalCell(global.Type) { Canonical = SignatureRegistry.Canonical(global.Type.ValueType, ids) };
            globals[globalCount] = cell;
            ConstantEvaluator.Evaluate(m.Bytes, global.Init, context).StoreTo(cell);
            globalWrappers[globalCount] = new Global(cell, runtime, engine);
            globalCount++;
        }
        context.Global0 = globals.Length > 0 ? globals[0] : null;

        foreach (var table in m.Tables)
        {
            object? initial = table.Init is { } init ? ConstantEvaluator.Evaluate(m.Bytes, init, context).Reference : null;
            var created = store.CreateTable(table.Type, initial, SignatureRegistry.Canonical(table.Type.ElementType, ids));
            tableWrappers[tableCount] = new Table(created, runtime, engine);
            tables[tableCount++] = created;
        }
        context.Tables = tables;
        context.Table0 = tables.Length > 0 ? tables[0] : null;

        // A memory whose data the module's image holds starts as that image, mapped: its segments are not copied.
        var images = module.MemoryImages;
        var imaged = images == null ? null : new bool[m.MemoryCount];
        for (int j = 0; j < m.Memories.Length; j++)
        {
            var memory = store.CreateMemory(m.Memories[j]);
            if (images?[j] is { } image && memory.TryMapImage(image)) imaged![memoryCount] = true;
            memoryWrappers[memoryCount] = new Memory(memory, runtime);
            memories[memoryCount++] = memory;
        }
        context.Memories = memories;
        context.Memory0 = memories.Length > 0 ? memories[0] : null;

        var elements = new object?[m.Elements.Length][];
        for (int s = 0; s < elements.Length; s++)
        {
            var segment = m.Elements[s];
            var items = new object?[segment.Count];
            if (segment.FunctionIndices is { } indices)
                for (int k = 0; k < indices.Length; k++) items[k] = functions[indices[k]];
            else
                for (int k = 0; k < items.Length; k++) items[k] = ConstantEvaluator.Evaluate(m.Bytes, segment.Expressions![k], context).Reference;
            elements[s] = items;
        }
        context.ElementSegments = elements;
        var data = new ByteRange[m.Data.Length];
        for (int s = 0; s < data.Length; s++) data[s] = m.Data[s].Data;
        context.DataSegments = data;

        var exports = new List<(string, Extern)>(m.Exports.Length);
        foreach (var export in m.Exports)
        {
            Extern item = export.Kind switch
            {
                ExternKind.Function => Function.Wrap(functions[export.Index]),
                ExternKind.Table => tableWrappers[export.Index],
                ExternKind.Memory => memoryWrappers[export.Index],
                ExternKind.Global => globalWrappers[export.Index],
                ExternKind.Tag => tags[export.Index],
                _ => throw new WasmException($"exports of kind {export.Kind} are not supported"),
            };
            exports.Add((export.Name, item));
        }
        var instance = new Instance(module, store, context, exports);
        context.Instance = instance;

        for (int s = 0; s < m.Elements.Length; s++)
        {
            var segment = m.Elements[s];
            if (segment.Mode == SegmentMode.Active)
            {
                var table = tables[segment.TableIndex];
                var offset = AddressOf(ConstantEvaluator.Evaluate(m.Bytes, segment.Offset, context).Bits, table.Type.Is64);
                var items = elements[s];
                table.Initialize(offset, items, 0, (ulong)items.Length);
            }
            if (segment.Mode != SegmentMode.Passive) elements[s] = [];
        }

        for (int s = 0; s < m.Data.Length; s++)
        {
            var segment = m.Data[s];
            if (segment.Mode != SegmentMode.Active) continue;
            if (imaged?[segment.MemoryIndex] == true)
            {
                data[s] = default;
                continue;
            }
            var memory = memories[segment.MemoryIndex];
            var offset = AddressOf(ConstantEvaluator.Evaluate(m.Bytes, segment.Offset, context).Bits, memory.Type.Is64);
            memory.Initialize(offset, segment.Data.Of(m.Bytes));
            data[s] = default;
        }

        if (m.Start is { } start) Function.Wrap(functions[start]).Invoke(NoItems<Value>.Array); // not Invoke(): Array.Empty<Value>() would be JIT-compiled
        return instance;
    }

    /// <summary>A segment's offset: an i64 of a 64-bit memory or table as it is, an i32 zero-extended.</summary>
    private static ulong AddressOf(long bits, bool is64) => is64 ? (ulong)bits : (uint)bits;

    /// <summary>
    /// Global import matching: the same mutability; an immutable global's type may be a subtype of the
    /// import's (reads only), a mutable one's must be equivalent (it is written through both).
    /// </summary>
    private static bool GlobalMatches(SignatureRegistry registry, GlobalCell actual, GlobalType expected, int[] ids)
    {
        if (actual.Type.Mutable != expected.Mutable) return false;
        var wanted = SignatureRegistry.Canonical(expected.ValueType, ids);
        return expected.Mutable ? registry.Equivalent(actual.Canonical, wanted) : registry.Matches(actual.Canonical, wanted);
    }

    /// <summary>Import matching of limits: at least the minimum, and within the maximum when one is required.</summary>
    private static bool LimitsMatch(Limits actual, Limits expected)
    {
        if (actual.Minimum < expected.Minimum) return false;
        if (expected.Maximum is not { } max) return true;
        return actual.Maximum is { } actualMax && actualMax <= max;
    }

    private static void CheckStore(Import import, Extern item, StoreRuntime runtime)
    {
        if (item.Owner != null && item.Owner != runtime)
            throw new LinkException("incompatible import type (the definition belongs to another store)", import.Module, import.Name);
    }

    private static string KindOf(object? definition) => definition switch
    {
        Extern item => item.Kind.ToString().ToLowerInvariant(),
        HostFunctionDefinition => "function",
        _ => "nothing",
    };

    private static LinkException Incompatible(Import import, string detail) =>
        new($"incompatible import type ({detail})", import.Module, import.Name);
}
