using Heron.Components.Model;
using Heron.Validation;

namespace Heron.Components.Validation;

/// <summary>Core modules, core instances, core aliases and core types inside a component.</summary>
internal sealed partial class ComponentValidator
{
    private void ValidateCoreModule(Scope scope, CoreModuleDefinition module)
    {
        try
        {
            ModuleValidator.Validate(module.Module, features);
        }
        catch (ValidationException error)
        {
            // The module's own offsets count from its first byte: report the place in the component.
            var where = $"in core module {scope.CoreModules.Count}"
                + (error.FunctionIndex >= 0 ? $", function {error.FunctionIndex}" : "")
                + (error.Instruction != null ? $", at {error.Instruction}" : "");
            throw Error($"{error.Reason} ({where})", error.Offset >= 0 ? module.Offset + (int)error.Offset : module.Offset);
        }
        catch (DecodeException error)
        {
            throw Error($"{error.Message} (in core module {scope.CoreModules.Count})", module.Offset);
        }
        var imports = Module.BuildImports(module.Module);
        // Core modules may import one name twice, but a component's instantiation arguments name each
        // import once (the two-level name is one key), so inside a component that is an error.
        var importNames = new HashSet<(string, string)>();
        foreach (var import in imports)
            if (!importNames.Add((import.Module, import.Name))) throw Error($"duplicate import name `{import.Module}:{import.Name}`", module.Offset);
        scope.CoreModules.Add(new CoreModuleType(imports, Module.BuildExports(module.Module)));
    }

    private static CoreInstanceType ValidateCoreInstance(Scope scope, CoreInstanceDefinition instance)
    {
        var offset = instance.Offset;
        switch (instance.Expression)
        {
            case CoreInstantiate instantiate:
            {
                if ((uint)instantiate.ModuleIndex >= (uint)scope.CoreModules.Count) throw Error($"unknown module {instantiate.ModuleIndex}: module index out of bounds", offset);
                var module = scope.CoreModules[instantiate.ModuleIndex];
                var args = new Dictionary<string, CoreInstanceType>();
                foreach (var arg in instantiate.Args)
                {
                    if ((uint)arg.InstanceIndex >= (uint)scope.CoreInstances.Count) throw Error("core instance index out of bounds", offset);
                    if (!args.TryAdd(arg.Name, scope.CoreInstances[arg.InstanceIndex]))
                        throw Error($"duplicate module instantiation argument named `{arg.Name}`", offset);
                }
                foreach (var import in module.Imports)
                {
                    if (!args.TryGetValue(import.Module, out var supplier))
                        throw Error($"missing module instantiation argument named `{import.Module}`", offset);
                    var export = supplier.Find(import.Name)
                        ?? throw Error($"module instantiation argument `{import.Module}` does not export an item named `{import.Name}`", offset);
                    if (CoreTypes.Satisfies(export, import) is { } mismatch)
                        throw Error($"type mismatch for export `{import.Name}` of module instantiation argument `{import.Module}`: {mismatch}", offset);
                }
                return new CoreInstanceType(module.Exports);
            }
            case CoreInlineExports inline:
            {
                var names = new HashSet<string>();
                var exports = new List<ExportType>();
                foreach (var export in inline.Exports)
                {
                    if (!names.Add(export.Name)) throw Error($"export name `{export.Name}` already defined", offset);
                    exports.Add(CoreItem(scope, export.Name, export.Item, offset));
                }
                return new CoreInstanceType(exports);
            }
            default:
                throw Error("unexpected core instance expression", offset);
        }
    }

    private static ExportType CoreItem(Scope scope, string name, SortIndex item, int offset)
    {
        var index = item.Index;
        if ((uint)index >= (uint)scope.Count(item.Sort)) throw Error($"{item.Sort.Describe()} index out of bounds", offset);
        return item.Sort switch
        {
            Sort.CoreFunc => new ExportType(name, ExternKind.Function) { FunctionType = scope.CoreFuncs[index] },
            Sort.CoreTable => new ExportType(name, ExternKind.Table) { TableType = scope.CoreTables[index] },
            Sort.CoreMemory => new ExportType(name, ExternKind.Memory) { MemoryType = scope.CoreMemories[index] },
            Sort.CoreGlobal => new ExportType(name, ExternKind.Global) { GlobalType = scope.CoreGlobals[index] },
            Sort.CoreTag => new ExportType(name, ExternKind.Tag) { TagType = scope.CoreTags[index] },
            _ => throw Error($"{item.Sort.Describe()} is not valid in a core instance's exports", offset),
        };
    }

    /// <summary>An <c>(alias core export ...)</c>: the export must be of the aliased sort.</summary>
    private static void AddCoreExport(Scope scope, Sort sort, ExportType export, string what, int offset)
    {
        var expected = sort switch
        {
            Sort.CoreFunc => ExternKind.Function,
            Sort.CoreTable => ExternKind.Table,
            Sort.CoreMemory => ExternKind.Memory,
            Sort.CoreGlobal => ExternKind.Global,
            Sort.CoreTag => ExternKind.Tag,
            _ => throw Error($"{sort.Describe()} cannot be aliased from a core instance", offset),
        };
        if (export.Kind != expected) throw Error($"{what} is a {CoreTypes.Describe(export.Kind)}, not a {CoreTypes.Describe(expected)}", offset);
        switch (sort)
        {
            case Sort.CoreFunc: scope.CoreFuncs.Add(export.FunctionType!); break;
            case Sort.CoreTable: scope.CoreTables.Add(export.TableType!.Value); break;
            case Sort.CoreMemory: scope.CoreMemories.Add(export.MemoryType!.Value); break;
            case Sort.CoreGlobal: scope.CoreGlobals.Add(export.GlobalType!.Value); break;
            default: scope.CoreTags.Add(export.TagType!); break;
        }
    }

    /// <summary>
    /// The entries a core type definition adds to the core type index space: function types (other core types,
    /// which components cannot use, as null) or a module type.
    /// </summary>
    private object? ResolveCoreType(Scope scope, CoreDefType type)
    {
        switch (type)
        {
            case CoreRecGroup group:
                // Components use core function types (for lowering and module types); a rec group counts once here.
                return group.Types.Count == 1 && group.Types[0].Function is { } function ? function : null;
            case CoreModuleTypeDef module:
                return ResolveModuleType(scope, module);
            default:
                throw Error("unexpected core type", type.Offset);
        }
    }

    private CoreModuleType ResolveModuleType(Scope scope, CoreModuleTypeDef module)
    {
        var types = new List<object?>();
        var imports = new List<ImportType>();
        var exports = new List<ExportType>();
        var importNames = new HashSet<(string, string)>();
        var exportNames = new HashSet<string>();
        foreach (var declaration in module.Declarations)
        {
            switch (declaration)
            {
                case CoreTypeInModuleDeclaration inner:
                    if (inner.Type is CoreModuleTypeDef) throw Error("invalid leading byte (0x50) for a core type inside a module type: module types cannot nest", inner.Offset);
                    types.Add(ResolveCoreType(scope, inner.Type));
                    break;
                case CoreOuterAliasDeclaration alias:
                {
                    if (alias.Count == 0)
                    {
                        if ((uint)alias.Index >= (uint)types.Count) throw Error("core type index out of bounds", alias.Offset);
                        types.Add(types[alias.Index]);
                        break;
                    }
                    var target = scope;
                    for (var i = 1; i < alias.Count; i++) target = target.Parent ?? throw Error($"invalid outer alias count of {alias.Count}", alias.Offset);
                    if ((uint)alias.Index >= (uint)target.CoreTypes.Count) throw Error("core type index out of bounds", alias.Offset);
                    var aliased = target.CoreTypes[alias.Index];
                    if (aliased is CoreModuleType) throw Error("a module type cannot alias a module type", alias.Offset);
                    types.Add(aliased);
                    break;
                }
                case CoreImportDeclaration import:
                    if (!importNames.Add((import.Module, import.Name))) throw Error($"duplicate import name `{import.Module}:{import.Name}`", import.Offset);
                    imports.Add(CoreDeclared(types, import.Desc, import.Offset) is var d
                        ? new ImportType(import.Module, import.Name, d.Kind) { FunctionType = d.FunctionType, TableType = d.TableType, MemoryType = d.MemoryType, GlobalType = d.GlobalType, TagType = d.TagType }
                        : throw Error("unreachable", import.Offset));
                    break;
                case CoreExportDeclaration export:
                    if (!exportNames.Add(export.Name)) throw Error($"export name `{export.Name}` already defined", export.Offset);
                    exports.Add(CoreDeclared(types, export.Desc, export.Offset) with { Name = export.Name });
                    break;
            }
        }
        var resolved = new CoreModuleType(imports, exports);
        ModuleTypeCheck.Record(module, resolved);
        return resolved;
    }

    /// <summary>A memory type declared in a module type: the limits a memory of its address type may have, as core validation checks them.</summary>
    private static MemoryType CheckMemory(MemoryType memory, int offset)
    {
        var pageLimit = memory.Is64 ? 1UL << (64 - memory.PageSizeLog2) : 1UL << (32 - memory.PageSizeLog2);
        if (memory.Limits.Minimum > pageLimit || memory.Limits.Maximum > pageLimit)
            throw Error(memory.Is64 ? "memory size must be at most 2**48 pages" : $"memory size must be at most {pageLimit} pages (4GiB)", offset);
        if (memory.Limits.Maximum is { } max && max < memory.Limits.Minimum) throw Error("size minimum must not be greater than maximum", offset);
        return memory;
    }

    private static ExportType CoreDeclared(List<object?> types, CoreExternDesc desc, int offset)
    {
        FunctionType FunctionAt(int index) =>
            (uint)index < (uint)types.Count ? types[index] as FunctionType ?? throw Error($"core type index {index} is not a function type", offset)
            : throw Error("core type index out of bounds", offset);
        return desc.Kind switch
        {
            ExternKind.Function => new ExportType("", ExternKind.Function) { FunctionType = FunctionAt(desc.TypeIndex) },
            ExternKind.Tag => new ExportType("", ExternKind.Tag) { TagType = FunctionAt(desc.TypeIndex) },
            ExternKind.Table => new ExportType("", ExternKind.Table) { TableType = desc.Table },
            ExternKind.Memory => new ExportType("", ExternKind.Memory) { MemoryType = CheckMemory(desc.Memory, offset) },
            _ => new ExportType("", ExternKind.Global) { GlobalType = desc.Global },
        };
    }
}
