namespace Heron.Fuzz.Differential;

/// <summary>
/// The value types both engines' host APIs pass in and out: numbers, v128, and nullable funcref and externref.
/// Wasmtime's .NET API has no exnref and no typed references, so exports, globals and tables of other types
/// are neither called nor read, on either side.
/// </summary>
internal static class HostValueTypes
{
    public static bool Carries(ValueType type) =>
        !type.IsReference || (type.Nullable && (type.Heap == HeapType.Func || type.Heap == HeapType.Extern));

    public static bool Carries(FunctionType type) => type.Parameters.All(Carries) && type.Results.All(Carries);
}
