using Heron.Binary;
using Heron.Model;

namespace Heron.Fuzz.Differential;

/// <summary>
/// What of a module Wasmtime's .NET API can take. Its <c>Module</c> constructor reads every import's and
/// export's type and aborts the whole process (a Rust panic: "support for non-externref and non-funcref
/// references is not implemented") on any other reference type, such as anyref, exnref or <c>(ref null $t)</c>.
/// So exports of such types are removed before either engine sees the module, and a module that imports them
/// is not compared at all.
/// </summary>
internal static class WasmtimeInterface
{
    /// <summary>Null when Heron cannot decode the module (the engines then compare rejections as usual).</summary>
    public static Shape? Inspect(byte[] wasm, WasmFeatures features)
    {
        WasmModule module;
        try
        {
            module = ModuleDecoder.Decode(wasm, features);
        }
        catch (WasmException)
        {
            return null;
        }
        var uncarriedImport = module.Imports.FirstOrDefault(import => !(import.Kind switch
        {
            ExternKind.Function or ExternKind.Tag => Carries(module, import.TypeIndex),
            ExternKind.Table => HostValueTypes.Carries(import.Table.ElementType),
            ExternKind.Global => HostValueTypes.Carries(import.Global.ValueType),
            _ => true,
        }));
        var uncarriedExports = new HashSet<int>();
        for (var i = 0; i < module.Exports.Length; i++)
        {
            var export = module.Exports[i];
            var carried = export.Kind switch
            {
                ExternKind.Function => Carries(module, module.FunctionTypeIndex(export.Index)),
                ExternKind.Tag => Carries(module, module.TagTypeIndex(export.Index)),
                ExternKind.Table => HostValueTypes.Carries(module.TableTypeOf(export.Index).ElementType),
                ExternKind.Global => HostValueTypes.Carries(module.GlobalTypeOf(export.Index).ValueType),
                _ => true,
            };
            if (!carried) uncarriedExports.Add(i);
        }
        return new Shape(uncarriedImport == null ? null : $"{uncarriedImport.Module}.{uncarriedImport.Name}", uncarriedExports);
    }

    private static bool Carries(WasmModule module, int typeIndex) =>
        typeIndex < module.Types.Length && module.Types[typeIndex].FunctionType is { } type && HostValueTypes.Carries(type);

    /// <param name="UncarriedImport">The first import Wasmtime's API cannot take, or null.</param>
    /// <param name="UncarriedExports">The positions of the exports it cannot take.</param>
    public sealed record Shape(string? UncarriedImport, IReadOnlySet<int> UncarriedExports)
    {
        public bool ImportsCarried => UncarriedImport == null;
    }
}
