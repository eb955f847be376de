using Heron.Components.Binary;
using Heron.Components.Model;
using Heron.Components.Runtime;

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
    /// A component from its binary. Malformed bytes raise a <see cref="DecodeException"/> with the byte
    /// offset; a core module inside that does not validate raises its <see cref="ValidationException"/>.
    /// </summary>
    public static Component FromBytes(Engine engine, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var ast = ComponentDecoder.Decode(bytes.ToArray(), engine.Config.Features | WasmFeatures.Wasm3);
        return new Component(engine, ast);
    }

    /// <summary>A component from a <c>.wasm</c> file.</summary>
    public static Component FromFile(Engine engine, string path) => FromBytes(engine, File.ReadAllBytes(path));
}
