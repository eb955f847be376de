namespace Heron.Components.Text;

/// <summary>
/// What a definition is. In a component each kind goes into the section of the same number; in component,
/// instance and module types the kinds map to the declarator codes of the enclosing type.
/// </summary>
internal enum DefinitionKind : byte
{
    CoreModule = 1,
    CoreInstance = 2,
    CoreType = 3,
    Component = 4,
    Instance = 5,
    Alias = 6,
    Type = 7,
    Canon = 8,
    Start = 9,
    Import = 10,
    Export = 11,
}
