namespace Heron.Components.Model;

/// <summary>What an import or export declares (the <c>externtype</c> of the binary format).</summary>
internal enum ExternDescKind
{
    /// <summary><c>(core module (type i))</c>: <see cref="ExternDesc.TypeIndex"/> is a core type index.</summary>
    CoreModule,
    Func,
    Value,
    /// <summary><c>(type (eq i))</c>, or with <see cref="ExternDesc.IsSubResource"/> <c>(type (sub resource))</c>.</summary>
    Type,
    Component,
    Instance,
}

/// <summary>
/// An <c>externtype</c>. <see cref="TypeIndex"/> indexes the type index space (the core one for a core
/// module). A value's bound is either <see cref="ValueBoundIndex"/> (an <c>eq</c> to a value) or
/// <see cref="ValueBoundType"/>.
/// </summary>
internal sealed record ExternDesc(int Offset, ExternDescKind Kind)
{
    public int TypeIndex { get; init; } = -1;

    /// <summary>For a type: <c>(sub resource)</c>, a fresh abstract resource type, rather than <c>(eq i)</c>.</summary>
    public bool IsSubResource { get; init; }

    public int ValueBoundIndex { get; init; } = -1;

    public ValType? ValueBoundType { get; init; }

    /// <summary>The sort an item of this description occupies once imported or exported.</summary>
    public Sort Sort => Kind switch
    {
        ExternDescKind.CoreModule => Sort.CoreModule,
        ExternDescKind.Func => Sort.Func,
        ExternDescKind.Value => Sort.Value,
        ExternDescKind.Type => Sort.Type,
        ExternDescKind.Component => Sort.Component,
        _ => Sort.Instance,
    };
}
