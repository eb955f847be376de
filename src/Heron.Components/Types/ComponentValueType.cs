namespace Heron.Components;

/// <summary>
/// A resolved component value type. Each instance knows its canonical ABI layout (alignment, size in
/// linear memory, flattened core types), computed once when the type is built, because every lift and
/// lower of a value of this type needs them.
/// </summary>
public abstract class ComponentValueType : ComponentDefinedType
{
    private CanonLayout? _layout;

    private protected ComponentValueType() { }

    /// <summary>The canonical ABI layout of this type.</summary>
    public CanonLayout Layout => _layout ??= CanonLayout.Of(this);

    /// <summary>The type as WIT spells it (for messages and `heron inspect`).</summary>
    public abstract override string ToString();
}
