namespace Heron.Components.Validation;

/// <summary>
/// Matching of core extern types, for instantiating core modules and comparing module types: functions and
/// globals must be equal, tables and memories may have larger limits than required.
/// </summary>
internal static class CoreTypes
{
    private sealed record CoreExtern(ExternKind Kind, FunctionType? Func, TableType? Table, MemoryType? Memory, GlobalType? Global);

    private static CoreExtern Of(ImportType import) =>
        new(import.Kind, import.FunctionType ?? import.TagType, import.TableType, import.MemoryType, import.GlobalType);

    private static CoreExtern Of(ExportType export) =>
        new(export.Kind, export.FunctionType ?? export.TagType, export.TableType, export.MemoryType, export.GlobalType);

    /// <summary>Whether what an instance exports can satisfy what a module imports.</summary>
    public static string? Satisfies(ExportType actual, ImportType required) => Match(Of(actual), Of(required));

    public static string? ImportSubtype(ImportType actual, ImportType expected) => Match(Of(actual), Of(expected));

    public static string? ExportSubtype(ExportType actual, ExportType expected) => Match(Of(actual), Of(expected));

    private static string? Match(CoreExtern actual, CoreExtern expected)
    {
        if (actual.Kind != expected.Kind) return $"expected {Describe(expected.Kind)}, found {Describe(actual.Kind)}";
        switch (actual.Kind)
        {
            case ExternKind.Function or ExternKind.Tag:
                return Equals(actual.Func, expected.Func) ? null : $"expected: {expected.Func}, found: {actual.Func}";
            case ExternKind.Global:
                if (actual.Global!.Value.ValueType != expected.Global!.Value.ValueType)
                    return $"expected global type {expected.Global.Value.ValueType}, found {actual.Global.Value.ValueType}";
                return actual.Global.Value.Mutable == expected.Global.Value.Mutable ? null : "global types differ in mutability";
            case ExternKind.Table:
            {
                var (a, e) = (actual.Table!.Value, expected.Table!.Value);
                if (a.ElementType != e.ElementType) return $"expected table element type {e.ElementType}, found {a.ElementType}";
                if (a.Is64 != e.Is64) return "mismatch in table address types";
                return LimitsMatch(a.Limits, e.Limits) ? null : "mismatch in table limits";
            }
            default:
            {
                var (a, e) = (actual.Memory!.Value, expected.Memory!.Value);
                if (a.Shared != e.Shared) return "mismatch in the shared flag for memories";
                if (a.Is64 != e.Is64 || a.PageSizeLog2 != e.PageSizeLog2) return "mismatch in memory type";
                return LimitsMatch(a.Limits, e.Limits) ? null : "mismatch in memory limits";
            }
        }
    }

    private static bool LimitsMatch(Limits actual, Limits expected) =>
        actual.Minimum >= expected.Minimum && (expected.Maximum is not { } max || (actual.Maximum is { } actualMax && actualMax <= max));

    public static string Describe(ExternKind kind) => kind switch
    {
        ExternKind.Function => "func",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
