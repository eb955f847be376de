namespace Heron.Runtime.Gc;

/// <summary>
/// A WebAssembly array whose elements are a .NET array of the element's own type: <c>byte</c> for i8,
/// <c>ushort</c> for i16, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>Vector128&lt;byte&gt;</c>,
/// and <c>object</c> for references. An element access is then one bounds check and one load.
/// </summary>
internal sealed class GcArray<T>(CanonicalType type, T[] elements) : GcArray(type, elements.Length)
{
    public readonly T[] Elements = elements;
}
