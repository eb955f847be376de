using System.Runtime.CompilerServices;

namespace Heron.Runtime.Gc;

/// <summary>
/// The first <see cref="GcStruct.InlineBytes"/> bytes of a struct's number, vector and packed fields, held in the
/// struct object itself: an inline array is laid out contiguously, so a field is a load at a constant offset.
/// </summary>
[InlineArray(2)]
internal struct InlineFieldData
{
    private long _element;
}
