using Heron.Binary;
using Heron.Instructions;
using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Validates a decoded module against the specification: the module-level rules (types, imports, limits,
/// globals, exports, start, segments) here, function bodies in <see cref="FunctionValidator"/>. Throws
/// <see cref="ValidationException"/> for an invalid module and <see cref="DecodeException"/> for malformed
/// code found while decoding bodies. Keeps no shared mutable state, so modules validate concurrently.
/// </summary>
internal static class ModuleValidator
{
    /// <summary>Bodies at least this large in total are validated on several threads.</summary>
    private const int ParallelCodeBytes = 1 << 20;

    private const ulong MaxPages32 = 65536;
    private const ulong MaxPages64 = 1UL << 48;

    /// <summary>Validates <paramref name="module"/>; returns per-function facts for the compiler.</summary>
    public static ValidationResult Validate(WasmModule module, WasmFeatures features = WasmFeatures.Wasm2)
    {
        if (module.Bodies.Length != module.FunctionTypeIndices.Length)
            throw new DecodeException("function and code section have inconsistent lengths", 0);
        if (module.DataCount is { } dataCount && dataCount != module.Data.Length)
            throw new DecodeException("data count and data section have inconsistent lengths", 0);

        ValidateTypes(module);
        ValidateImports(module, features);
        foreach (var typeIndex in module.FunctionTypeIndices) CheckFunctionType(module, typeIndex);
        foreach (var table in module.Tables) ValidateTable(module, table.Type);
        foreach (var memory in module.Memories) ValidateMemory(memory);
        if (module.MemoryCount > 1 && (features & WasmFeatures.MultiMemory) == 0)
            throw new ValidationException("multiple memories");
        // Several tables came with reference types (1.0 and the threads proposal's scripts allow one).
        if (module.TableCount > 1 && (features & WasmFeatures.ReferenceTypes) == 0)
            throw new ValidationException("multiple tables");
        foreach (var tag in module.Tags) CheckTagType(module, tag);

        var referenced = CollectReferencedFunctions(module);
        var context = new ValidationContext(module, features, referenced);
        var constants = new FunctionValidator(context);
        ValidateGlobalsAndTables(module, features, constants);
        ValidateExports(module);
        ValidateStart(module, context);
        ValidateElements(module, features, context, constants);
        ValidateData(module, features, context, constants);

        var facts = ValidateBodies(module, context, constants);
        return new ValidationResult(facts, referenced);
    }

    private static void ValidateTypes(WasmModule module)
    {
        var count = module.Types.Length;
        Subtyping? subtyping = null;
        for (int i = 0; i < count; i++)
        {
            var type = module.Types[i];
            // A type may refer to types of earlier groups and of its own group, never to a later group.
            var visible = Math.Min(count, type.RecGroupStart + Math.Max(1, type.RecGroupSize));
            if (type.Function is { } function)
            {
                foreach (var p in function.Parameters) CheckDefinitionType(p, visible);
                foreach (var r in function.Results) CheckDefinitionType(r, visible);
            }
            foreach (var field in type.Fields) CheckDefinitionType(field.Storage.Type, visible);
            if (type.SuperTypes.Length > 0) SubtypeDeclarations.Check(module.Types, i, subtyping ??= new Subtyping(module.Types));
        }
    }

    private static void CheckDefinitionType(ValueType type, int visible)
    {
        if (type.IsReference && type.Heap.IsConcrete && type.Heap.TypeIndex >= visible)
            throw new ValidationException("unknown type");
    }

    private static void CheckValueType(WasmModule module, ValueType type)
    {
        if (type.IsReference && type.Heap.IsConcrete && type.Heap.TypeIndex >= module.Types.Length)
            throw new ValidationException("unknown type");
    }

    private static void CheckFunctionType(WasmModule module, int typeIndex)
    {
        if ((uint)typeIndex >= (uint)module.Types.Length || module.Types[typeIndex].Function == null)
            throw new ValidationException("unknown type");
    }

    private static void CheckTagType(WasmModule module, int typeIndex)
    {
        CheckFunctionType(module, typeIndex);
        if (module.Types[typeIndex].FunctionType.Results.Count != 0) throw new ValidationException("non-empty tag result type");
    }

    private static void ValidateImports(WasmModule module, WasmFeatures features)
    {
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function: CheckFunctionType(module, import.TypeIndex); break;
                case ExternKind.Table: ValidateTable(module, import.Table); break;
                case ExternKind.Memory: ValidateMemory(import.Memory); break;
                case ExternKind.Global:
                    CheckValueType(module, import.Global.ValueType);
                    if (import.Global.Mutable && (features & WasmFeatures.MutableGlobals) == 0)
                        throw new ValidationException("mutable global import");
                    break;
                case ExternKind.Tag: CheckTagType(module, import.TypeIndex); break;
            }
        }
    }

    private static void ValidateTable(WasmModule module, TableType table)
    {
        CheckValueType(module, table.ElementType);
        var limit = table.Is64 ? ulong.MaxValue : uint.MaxValue;
        CheckLimits(table.Limits, limit, "table size must be at most 2^32-1");
    }

    private static void ValidateMemory(MemoryType memory)
    {
        // Custom page sizes: a page is one byte or 64 KiB. With one-byte pages the bound is the largest
        // address the address type holds (2^32 - 1, 2^64 - 1), with 64 KiB pages 2^16 or 2^48 pages.
        if (memory.PageSizeLog2 == 0)
        {
            CheckLimits(memory.Limits, memory.Is64 ? ulong.MaxValue : uint.MaxValue,
                memory.Is64 ? "memory size must be at most 2^64-1 bytes" : "memory size must be at most 2^32-1 bytes");
            if (memory.Shared && memory.Limits.Maximum == null) throw new ValidationException("shared memory must have maximum");
            return;
        }
        if (memory.PageSizeLog2 != MemoryType.DefaultPageSizeLog2) throw new ValidationException("invalid custom page size");
        CheckLimits(memory.Limits, memory.Is64 ? MaxPages64 : MaxPages32,
            memory.Is64 ? "memory size must be at most 2^48 pages" : "memory size must be at most 65536 pages (4GiB)");
        if (memory.Shared && memory.Limits.Maximum == null) throw new ValidationException("shared memory must have maximum");
    }

    private static void CheckLimits(Limits limits, ulong bound, string tooLarge)
    {
        if (limits.Minimum > bound || limits.Maximum > bound) throw new ValidationException(tooLarge);
        if (limits.Maximum is { } max && limits.Minimum > max)
            throw new ValidationException("size minimum must not be greater than maximum");
    }

    /// <summary>
    /// The functions <c>ref.func</c> may name in bodies: those referenced anywhere outside function bodies
    /// (element segments, exports, global and table initialisers, segment offsets).
    /// </summary>
    private static bool[] CollectReferencedFunctions(WasmModule module)
    {
        var referenced = new bool[module.FunctionCount];
        void Mark(int index)
        {
            if ((uint)index < (uint)referenced.Length) referenced[index] = true;
        }
        void Scan(ByteRange expression)
        {
            if (expression.Length == 0) return;
            var reader = new InstructionReader(module.Bytes, expression.Start, expression.End);
            // Malformed expressions are reported when they are validated; here they just end the scan.
            try
            {
                while (!reader.AtEnd)
                {
                    var instruction = reader.Read();
                    if (instruction.Opcode == Opcode.RefFunc) Mark((int)Math.Min(instruction.Index, int.MaxValue));
                }
            }
            catch (DecodeException)
            {
            }
        }
        foreach (var export in module.Exports)
            if (export.Kind == ExternKind.Function) Mark(export.Index);
        foreach (var global in module.Globals) Scan(global.Init);
        foreach (var table in module.Tables)
            if (table.Init is { } init) Scan(init);
        foreach (var segment in module.Elements)
        {
            if (segment.FunctionIndices is { } indices)
                foreach (var index in indices) Mark(index);
            if (segment.Expressions is { } expressions)
                foreach (var expression in expressions) Scan(expression);
            if (segment.Mode == SegmentMode.Active) Scan(segment.Offset);
        }
        foreach (var segment in module.Data)
            if (segment.Mode == SegmentMode.Active) Scan(segment.Offset);
        return referenced;
    }

    private static void ValidateGlobalsAndTables(WasmModule module, WasmFeatures features, FunctionValidator constants)
    {
        for (int i = 0; i < module.Globals.Length; i++)
        {
            var global = module.Globals[i];
            CheckValueType(module, global.Type.ValueType);
            ConstantExpressionValidator.Validate(constants, global.Init, global.Type.ValueType,
                ConstantExpressionValidator.ReadableGlobals(module, features, i));
        }
        foreach (var table in module.Tables)
        {
            // The table section precedes the global section: an initialiser sees only imported globals.
            if (table.Init is { } init)
                ConstantExpressionValidator.Validate(constants, init, table.Type.ElementType, module.ImportedGlobalCount);
            else if (!table.Type.ElementType.Nullable)
                throw new ValidationException("type mismatch");
        }
    }

    private static void ValidateExports(WasmModule module)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!names.Add(export.Name)) throw new ValidationException("duplicate export name");
            var (count, what) = export.Kind switch
            {
                ExternKind.Function => (module.FunctionCount, "unknown function"),
                ExternKind.Table => (module.TableCount, "unknown table"),
                ExternKind.Memory => (module.MemoryCount, "unknown memory"),
                ExternKind.Global => (module.GlobalCount, "unknown global"),
                _ => (module.TagCount, "unknown tag"),
            };
            if ((uint)export.Index >= (uint)count) throw new ValidationException($"{what} {export.Index}");
        }
    }

    private static void ValidateStart(WasmModule module, ValidationContext context)
    {
        if (module.Start is not { } start) return;
        if ((uint)start >= (uint)module.FunctionCount) throw new ValidationException($"unknown function {start}");
        var type = context.FunctionTypes[start];
        if (context.TypeParams[type]!.Length != 0 || context.TypeResults[type]!.Length != 0)
            throw new ValidationException("start function");
    }

    private static void ValidateElements(WasmModule module, WasmFeatures features, ValidationContext context, FunctionValidator constants)
    {
        var readable = ConstantExpressionValidator.ReadableGlobals(module, features, -1);
        foreach (var segment in module.Elements)
        {
            CheckValueType(module, segment.ElementType);
            if (segment.Mode == SegmentMode.Active)
            {
                if ((uint)segment.TableIndex >= (uint)module.TableCount)
                    throw new ValidationException($"unknown table {segment.TableIndex}");
                var table = context.TableTypes[segment.TableIndex];
                if (!context.Subtyping.Matches(segment.ElementType, table.ElementType))
                    throw new ValidationException("type mismatch");
                ConstantExpressionValidator.Validate(constants, segment.Offset, table.Is64 ? ValueType.I64 : ValueType.I32, readable);
            }
            if (segment.FunctionIndices is { } indices)
            {
                foreach (var index in indices)
                    if ((uint)index >= (uint)module.FunctionCount) throw new ValidationException($"unknown function {index}");
            }
            else
            {
                foreach (var expression in segment.Expressions!)
                    ConstantExpressionValidator.Validate(constants, expression, segment.ElementType, readable);
            }
        }
    }

    private static void ValidateData(WasmModule module, WasmFeatures features, ValidationContext context, FunctionValidator constants)
    {
        var readable = ConstantExpressionValidator.ReadableGlobals(module, features, -1);
        foreach (var segment in module.Data)
        {
            if (segment.Mode != SegmentMode.Active) continue;
            if ((uint)segment.MemoryIndex >= (uint)module.MemoryCount)
                throw new ValidationException($"unknown memory {segment.MemoryIndex}");
            var memory = context.MemoryTypes[segment.MemoryIndex];
            ConstantExpressionValidator.Validate(constants, segment.Offset, memory.Is64 ? ValueType.I64 : ValueType.I32, readable);
        }
    }

    private static FunctionFacts[] ValidateBodies(WasmModule module, ValidationContext context, FunctionValidator validator)
    {
        var bodies = module.Bodies;
        var facts = new FunctionFacts[bodies.Length];
        var imported = module.ImportedFunctionCount;
        long codeBytes = 0;
        foreach (var body in bodies) codeBytes += body.Code.Length;

        if (codeBytes < ParallelCodeBytes || Environment.ProcessorCount == 1 || bodies.Length < 2)
        {
            for (int i = 0; i < bodies.Length; i++) facts[i] = validator.ValidateFunction(imported + i, bodies[i]);
            return facts;
        }

        // Each worker reuses one validator. Break (not Stop) makes every lower-indexed body finish, so the
        // error reported is the one of the first invalid function, as in a sequential run.
        var errors = new Exception?[bodies.Length];
        Parallel.For(0, bodies.Length,
            () => new FunctionValidator(context),
            (i, state, local) =>
            {
                try
                {
                    facts[i] = local.ValidateFunction(imported + i, bodies[i]);
                }
                catch (WasmException error)
                {
                    errors[i] = error;
                    state.Break();
                }
                return local;
            },
            _ => { });
        foreach (var error in errors)
            if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return facts;
    }
}
