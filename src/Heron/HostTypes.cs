namespace Heron;

/// <summary>
/// Checks on the types the host gives (of host functions, tables and globals): a type index means nothing
/// outside the module that declares it, so such types may only name abstract heap types.
/// </summary>
internal static class HostTypes
{
    public static void RequireAbstract(ValueType type, string parameter)
    {
        if (type.IsReference && type.Heap.IsConcrete)
            throw new ArgumentException(
                $"the host cannot create a value of type {type}: a type index only has meaning inside its module; use an abstract reference type (such as funcref)",
                parameter);
    }
}
