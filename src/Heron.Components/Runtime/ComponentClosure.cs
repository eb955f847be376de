using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>
/// A component definition ready to instantiate: its definitions, the core modules compiled for them, and
/// the index spaces of the enclosing component as they were where it was defined (outer aliases read those).
/// </summary>
internal sealed class ComponentClosure(ComponentAst ast, CompiledModules modules, IndexSpaces? outer)
{
    public ComponentAst Ast { get; } = ast;
    public CompiledModules Modules { get; } = modules;
    public IndexSpaces? Outer { get; } = outer;
}

/// <summary>The core modules of a component and all its nested components, compiled once per component.</summary>
internal sealed class CompiledModules
{
    private readonly Dictionary<CoreModuleDefinition, Module> _modules = new(ReferenceEqualityComparer.Instance);

    public CompiledModules(Engine engine, ComponentAst ast) => Compile(engine, ast);

    public Module this[CoreModuleDefinition definition] => _modules[definition];

    private void Compile(Engine engine, ComponentAst ast)
    {
        foreach (var definition in ast.Definitions)
        {
            switch (definition)
            {
                case CoreModuleDefinition module:
                    _modules[module] = Module.FromBytes(engine, module.Bytes.Span);
                    break;
                case NestedComponentDefinition nested:
                    Compile(engine, nested.Component);
                    break;
            }
        }
    }
}
