namespace Heron.Components.Model;

/// <summary>
/// A decoded component: its definitions in the order of the binary (which is the order the index spaces are
/// built in) and its custom sections. Nested components are <see cref="NestedComponentDefinition"/>s holding
/// their own <see cref="ComponentAst"/>.
/// </summary>
internal sealed class ComponentAst
{
    public required IReadOnlyList<ComponentDefinition> Definitions { get; init; }

    public IReadOnlyList<ComponentCustomSection> CustomSections { get; init; } = [];

    /// <summary>The byte offset of the component's preamble in the outermost binary (0 for the outermost one).</summary>
    public int Offset { get; init; }

    /// <summary>The definitions of one kind, in order.</summary>
    public IEnumerable<T> Of<T>() where T : ComponentDefinition => Definitions.OfType<T>();
}

/// <summary>A custom section: its name and where its contents lie in the outermost binary.</summary>
internal sealed record ComponentCustomSection(string Name, int ContentOffset, int ContentLength);

/// <summary>
/// One definition of a component. <see cref="Offset"/> is where it starts in the outermost binary, so the
/// validator can say which definition is wrong.
/// </summary>
internal abstract record ComponentDefinition(int Offset);
