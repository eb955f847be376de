using Heron.Components.Text;
using Heron.Text;

namespace Heron.Components.Wast;

/// <summary>
/// The state of one component script while it runs: the definitions and instances it named, the current
/// instance (the target of <c>invoke</c>), and the linker that <c>register</c> adds instances to.
/// A component that needs a part of the component model Heron does not implement raises
/// <see cref="UnsupportedFeatureException"/>; the session remembers it (by name, and as the current instance), so
/// the commands that use it raise the same exception instead of failing or reaching another instance: the runner
/// counts them as skipped, out of scope, and the script's other commands still run and count.
/// </summary>
internal sealed class ComponentScriptSession
{
    private readonly Engine engine;
    private readonly ComponentFeatures features;
    private readonly bool wasmtime;
    private readonly Store store;
    private readonly ComponentLinker linker;
    private readonly Dictionary<string, Component> definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentInstance> instances = new(StringComparer.Ordinal);
    private ComponentInstance? current;
    /// <summary>What the named definitions and instances that could not be made need (their unsupported feature).</summary>
    private readonly Dictionary<string, UnsupportedFeatureException> outOfScope = new(StringComparer.Ordinal);
    /// <summary>Set when the latest component instantiated was out of scope: invokes without a name would target it.</summary>
    private UnsupportedFeatureException? currentOutOfScope;
    /// <summary>The name of the component form being read, known before it is decoded (which may refuse it).</summary>
    private string? compilingId;

    /// <summary>
    /// A session for one script. With <paramref name="wasmtime"/>, the script is one of Wasmtime's: its host
    /// imports are defined (<see cref="WasmtimeComponentHost"/>), a named component instance lends its core
    /// modules and resource types to later components under its name, and root components meet Wasmtime's
    /// embedder limits (<see cref="WasmtimeEmbedderLimits"/>), as in Wasmtime's own runner.
    /// </summary>
    public ComponentScriptSession(Engine engine, ComponentFeatures features, bool wasmtime)
    {
        this.engine = engine;
        this.features = features;
        this.wasmtime = wasmtime;
        store = new Store(engine);
        linker = new ComponentLinker(engine);
        if (wasmtime) WasmtimeComponentHost.Define(engine, linker);
    }

    /// <summary>Runs the command at the reader; returns null when it passed, else what went wrong.</summary>
    public string? Run(TokenReader r)
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var keyword = r.Current;
        if (keyword.Kind != TokenKind.Keyword) throw r.Error(keyword, "expected a command");
        var word = r.TextString(keyword);
        switch (word)
        {
            case "component":
                return DefineOrInstantiate(r, open);
            case "register":
            {
                r.Next();
                var name = r.ReadName();
                var instance = ReadInstance(r);
                linker.Root.DefineInstance(name, instance);
                return null;
            }
            case "invoke":
                r.Position--;
                Invoke(r);
                return null;
            case "assert_return":
            {
                r.Next();
                var actual = Invoke(r);
                var expected = new List<ComponentValue>();
                while (r.AtLeftParen) expected.Add(ComponentScriptValues.Read(r));
                if (expected.Count == 0) return actual == null ? null : $"expected no result, got {actual}";
                if (expected.Count > 1) return "a component function returns at most one value";
                if (actual == null) return $"expected {expected[0]}, got no result";
                return actual.Equals(expected[0]) ? null : $"expected {expected[0]}, got {actual}";
            }
            case "assert_trap":
            {
                r.Next();
                try
                {
                    if (r.AtForm("component"))
                    {
                        var component = Compile(r, out _, out _);
                        current = InstantiateInScope(component, null);
                    }
                    else
                    {
                        Invoke(r);
                    }
                }
                catch (TrapException)
                {
                    return null;
                }
                return "expected a trap, got none (" + r.ReadName() + ")";
            }
            case "assert_invalid":
            case "assert_malformed":
                r.Next();
                return ExpectRejected(r, word);
            case "assert_unlinkable":
            {
                r.Next();
                var component = Compile(r, out _, out _);
                try
                {
                    linker.Instantiate(store, component);
                }
                catch (WasmException e) when (e is not TrapException and not UnsupportedFeatureException)
                {
                    return null;
                }
                return "expected a link error, the component instantiated";
            }
            default:
                return $"not yet supported: the {word} command";
        }
    }

    /// <summary>Expects the component of an assert_invalid or assert_malformed to be refused before it runs.</summary>
    private string? ExpectRejected(TokenReader r, string assertion)
    {
        try
        {
            Compile(r, out _, out _);
        }
        catch (WasmException e) when (e is TextParseException or DecodeException or ValidationException)
        {
            return null;
        }
        return assertion == "assert_invalid" ? "the component was accepted, not refused as invalid" : "the component was accepted, not refused as malformed";
    }

    /// <summary><c>(component ...)</c>, <c>(component definition ...)</c> or <c>(component instance $i $x)</c>.</summary>
    private string? DefineOrInstantiate(TokenReader r, Token open)
    {
        if (r.IsKeyword(r.Peek(), "instance"))
        {
            r.Position += 2;
            var instanceId = r.TryId();
            var definitionId = r.TryId();
            r.ExpectRightParen();
            current = null;
            if (definitionId != null && outOfScope.TryGetValue(definitionId, out var missing)) throw MarkOutOfScope(missing, instanceId, current: true);
            if (definitionId == null || !definitions.TryGetValue(definitionId, out var definition))
                throw r.Error(open, definitionId == null ? "component instance names no definition" : $"unknown component definition ${definitionId}");
            current = InstantiateInScope(definition, instanceId);
            if (instanceId != null)
            {
                instances[instanceId] = current;
                outOfScope.Remove(instanceId);
            }
            return null;
        }
        r.Position--;
        // Until this one instantiates, invokes have no instance: they must not reach the previous one.
        current = null;
        Component component;
        bool isDefinition;
        string? id;
        try
        {
            component = Compile(r, out id, out isDefinition);
        }
        catch (UnsupportedFeatureException e)
        {
            throw MarkOutOfScope(e, compilingId, current: true);
        }
        if (id != null)
        {
            definitions[id] = component;
            outOfScope.Remove(id);
        }
        if (isDefinition) return null;
        current = InstantiateInScope(component, id);
        if (id != null)
        {
            instances[id] = current;
            if (wasmtime) LendModulesAndResources(id, current);
        }
        return null;
    }

    /// <summary>Instantiates <paramref name="component"/>, remembering it (and <paramref name="id"/>) as out of scope if it needs what Heron lacks.</summary>
    private ComponentInstance InstantiateInScope(Component component, string? id)
    {
        try
        {
            var instance = linker.Instantiate(store, component);
            currentOutOfScope = null;
            return instance;
        }
        catch (UnsupportedFeatureException e)
        {
            throw MarkOutOfScope(e, id, current: true);
        }
    }

    /// <summary>Remembers that <paramref name="id"/> (and, with <paramref name="current"/>, the current instance) needs what <paramref name="missing"/> names.</summary>
    private UnsupportedFeatureException MarkOutOfScope(UnsupportedFeatureException missing, string? id, bool current)
    {
        if (id != null)
        {
            outOfScope[id] = missing;
            instances.Remove(id);
        }
        if (current) currentOutOfScope = missing;
        return missing;
    }

    /// <summary>
    /// What Wasmtime's runner does for a named instance: its exported core modules and resource types become
    /// definitions of a linker instance of that name, for later components to import (a later instance of
    /// the same name replaces them, as Wasmtime's runner lets it).
    /// </summary>
    private void LendModulesAndResources(string name, ComponentInstance instance)
    {
        var lent = linker.Instance(name);
        foreach (var export in instance.ExportNames)
        {
            switch (instance.GetExport(export))
            {
                case Module or ResourceType:
                    lent.Redefine(export, instance.GetExport(export)!);
                    break;
            }
        }
    }

    /// <summary>Reads a <c>(component ...)</c> form (text, <c>binary</c> or <c>quote</c>) and decodes it.</summary>
    private Component Compile(TokenReader r, out string? id, out bool isDefinition)
    {
        var open = r.Current;
        if (!r.AtForm("component")) throw r.Error(open, "expected (component ...)");
        var start = r.Position;
        r.Position += 2;
        isDefinition = r.AtKeyword("definition");
        if (isDefinition) r.Next();
        id = r.TryId();
        compilingId = id;
        byte[] bytes;
        if (r.AtKeyword("quote"))
        {
            r.Next();
            var quoted = ComponentWastRunner.QuotedText(r);
            r.ExpectRightParen();
            bytes = ComponentText.Parse("(component " + quoted + ")", open.Line, open.Column);
        }
        else
        {
            r.Position = start;
            r.SkipForm();
            var close = r.TokenAt(r.Position - 1);
            bytes = ComponentText.Parse(r.Source[open.Start..close.End], open.Line, open.Column);
        }
        var component = Component.FromBytes(engine, bytes, features);
        if (wasmtime && WasmtimeEmbedderLimits.Check(component.Ast) is { } refused) throw new ValidationException(refused);
        return component;
    }

    private ComponentInstance ReadInstance(TokenReader r)
    {
        var token = r.Current;
        var id = r.TryId();
        if (id != null && outOfScope.TryGetValue(id, out var missing)) throw missing;
        if (id == null && current == null && currentOutOfScope != null) throw currentOutOfScope;
        if (id == null) return current ?? throw r.Error(token, "no component instance yet");
        return instances.TryGetValue(id, out var instance) ? instance : throw r.Error(token, $"unknown component instance ${id}");
    }

    /// <summary><c>(invoke $i? "name" value*)</c>: calls the export and returns its result.</summary>
    private ComponentValue? Invoke(TokenReader r)
    {
        var open = r.Current;
        r.ExpectLeftParen();
        r.ExpectKeyword("invoke");
        var instance = ReadInstance(r);
        var name = r.ReadName();
        var arguments = new List<ComponentValue>();
        while (r.AtLeftParen) arguments.Add(ComponentScriptValues.Read(r));
        r.ExpectRightParen();
        var function = instance.GetFunction(name) ?? throw r.Error(open, $"the instance exports no function \"{name}\"");
        return function.Invoke([.. arguments]);
    }
}
