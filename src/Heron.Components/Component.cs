using Heron.Components.Binary;
using Heron.Components.Model;
using Heron.Components.Runtime;
using Heron.Components.Validation;

namespace Heron.Components;

/// <summary>
/// A component, decoded, checked and with its core modules compiled: immutable, shared by every store
/// that instantiates it (with <see cref="ComponentLinker.Instantiate"/>).
/// </summary>
public sealed class Component
{
    private Component(Engine engine, ComponentAst ast)
    {
        Engine = engine;
        Ast = ast;
        Closure = new ComponentClosure(ast, new CompiledModules(engine, ast), outer: null);
    }

    public Engine Engine { get; }

    internal ComponentAst Ast { get; }

    internal ComponentClosure Closure { get; }

    /// <summary>
    /// A component from its binary, decoded and validated before anything is compiled. Malformed bytes raise a
    /// <see cref="DecodeException"/> with the byte offset; a component that breaks a rule of the component
    /// model (an index out of bounds, a type mismatch, a name used twice, a core module that does not validate)
    /// raises a <see cref="ValidationException"/> saying what is wrong and the byte offset of the definition.
    /// </summary>
    public static Component FromBytes(Engine engine, ReadOnlySpan<byte> bytes) => FromBytes(engine, bytes, ComponentFeatures.Default);

    /// <summary>As <see cref="FromBytes(Engine, ReadOnlySpan{byte})"/>, allowing only the gated parts of the component model in <paramref name="features"/>.</summary>
    public static Component FromBytes(Engine engine, ReadOnlySpan<byte> bytes, ComponentFeatures features)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var coreFeatures = engine.Config.Features | WasmFeatures.Wasm3;
        var ast = ComponentDecoder.Decode(bytes.ToArray(), coreFeatures);
        ComponentValidator.Validate(ast, coreFeatures, features);
        return new Component(engine, ast);
    }

    /// <summary>A component from a <c>.wasm</c> file, or a <c>.wat</c> file in the text format.</summary>
    public static Component FromFile(Engine engine, string path)
    {
        var bytes = File.ReadAllBytes(path);
        return ComponentPreamble.IsComponent(bytes) || !path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase)
            ? FromBytes(engine, bytes)
            : FromText(engine, System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>A component from the text format (<c>(component ...)</c>); malformed text raises a <see cref="TextParseException"/>.</summary>
    public static Component FromText(Engine engine, string text) => FromBytes(engine, Text.ComponentText.Parse(text));
}
