using Heron.Text;

namespace Heron.Components.Text;

internal sealed partial class ComponentParser
{
    /// <summary>
    /// A reference as written: a number or an <c>$id</c>, and optionally export names that reach into the
    /// instance it names (<c>$i "f"</c>), which becomes an alias of that export.
    /// </summary>
    private readonly record struct Reference(Token Token, string? Id, uint Number, List<string>? Names);

    private Reference ReadIndex()
    {
        var token = r.Current;
        if (token.Kind == TokenKind.Id)
        {
            r.Next();
            return new Reference(token, r.IdName(token), 0, null);
        }
        if (token.Kind == TokenKind.Number) return new Reference(token, null, r.ReadU32(), null);
        throw token.Kind == TokenKind.EndOfFile ? r.Unexpected() : r.Error(token, "expected an index");
    }

    private Reference ReadIndexAndNames()
    {
        var index = ReadIndex();
        if (r.Current.Kind != TokenKind.String) return index;
        var names = new List<string>();
        while (r.Current.Kind == TokenKind.String) names.Add(r.ReadName());
        return index with { Names = names };
    }

    /// <summary>
    /// The index of a reference in <paramref name="space"/>. An id found only in an enclosing scope gets an
    /// outer alias here (bound to the same id, so later uses reuse it), as the text format prescribes.
    /// </summary>
    private uint ResolveIndex(Space space, Reference reference)
    {
        if (reference.Id == null) return reference.Number;
        if (scope[space].TryGet(reference.Id, out var local)) return (uint)local;
        var depth = 1u;
        for (var outer = scope.Parent; outer != null; outer = outer.Parent, depth++)
        {
            if (!outer[space].TryGet(reference.Id, out var found)) continue;
            EmitOuterAlias(space, depth, (uint)found);
            return (uint)scope[space].Add(reference.Id, reference.Token);
        }
        throw r.Error(reference.Token, $"unknown {space.Describe()} ${reference.Id}");
    }

    /// <summary>Resolves a reference, first aliasing the instance exports it names (<c>$i "a" "b"</c>).</summary>
    private uint Resolve(Space space, Reference reference)
    {
        if (reference.Names is not { Count: > 0 } names) return ResolveIndex(space, reference);
        if (space.IsCore() && space != Space.CoreModule)
        {
            if (names.Count > 1) throw r.Error(reference.Token, "a core instance export is named by one name");
            var instance = ResolveIndex(Space.CoreInstance, reference);
            EmitExportAlias(space, instance, names[0]);
            return (uint)scope[space].Add(null, reference.Token);
        }
        var current = ResolveIndex(Space.Instance, reference);
        for (var i = 0; i < names.Count; i++)
        {
            var sort = i == names.Count - 1 ? space : Space.Instance;
            EmitExportAlias(sort, current, names[i]);
            current = (uint)scope[sort].Add(null, reference.Token);
        }
        return current;
    }

    private void EmitExportAlias(Space space, uint instance, string name)
    {
        var w = new ByteWriter();
        space.WriteSort(w);
        // Core modules are exported by component instances, the other core sorts by core instances.
        w.Byte(space.IsCore() && space != Space.CoreModule ? 0x01 : 0x00);
        w.U32(instance);
        w.Name(name);
        scope.Emit(DefinitionKind.Alias, w.ToArray());
    }

    private void EmitOuterAlias(Space space, uint count, uint index)
    {
        var w = new ByteWriter();
        if (scope.Kind == ScopeKind.ModuleType)
        {
            // A module type's alias declarator is the core form: the type sort, then "outer".
            w.Byte(0x10);
            w.Byte(0x01);
        }
        else
        {
            space.WriteSort(w);
            w.Byte(0x02);
        }
        w.U32(count);
        w.U32(index);
        scope.Emit(DefinitionKind.Alias, w.ToArray());
    }

    /// <summary>True at <c>(type idx)</c> (a type use), as opposed to a <c>(type $id? ...)</c> definition.</summary>
    private bool AtTypeUse => r.AtForm("type") && r.Peek(2).Kind is TokenKind.Id or TokenKind.Number
        && r.Peek(3).Kind is TokenKind.RightParen or TokenKind.String;

    /// <summary>A core reference: <c>(core func $f)</c>, <c>(func $i "f")</c> or a bare <c>$f</c> / <c>$i "f"</c>.</summary>
    private uint ReadCoreReference(Space space)
    {
        if (!r.AtLeftParen) return Resolve(space, ReadIndexAndNames());
        var open = r.Next();
        if (r.AtKeyword("core")) r.Next();
        var keyword = r.Current;
        if (keyword.Kind != TokenKind.Keyword || Spaces.CoreFromKeyword(r.TextString(keyword)) != space)
            throw r.Error(keyword, $"expected a {space.Describe()} reference");
        r.Next();
        var index = Resolve(space, ReadIndexAndNames());
        ExpectClose(open);
        return index;
    }

    /// <summary>A component reference: <c>(func $f)</c>, <c>(func $i "f")</c> or a bare index.</summary>
    private uint ReadReference(Space space)
    {
        if (!r.AtLeftParen) return Resolve(space, ReadIndexAndNames());
        var open = r.Next();
        var keyword = r.Current;
        if (keyword.Kind != TokenKind.Keyword || Spaces.FromKeyword(r.TextString(keyword)) != space)
            throw r.Error(keyword, $"expected a {space.Describe()} reference");
        r.Next();
        var index = Resolve(space, ReadIndexAndNames());
        ExpectClose(open);
        return index;
    }

    /// <summary>A reference with its sort: <c>(func $f)</c>, <c>(core module $m)</c>, <c>(instance $i "x")</c>.</summary>
    private (Space Space, uint Index) ReadSortedReference()
    {
        var open = r.Current;
        r.ExpectLeftParen();
        var space = ReadSortKeyword();
        var index = Resolve(space, ReadIndexAndNames());
        ExpectClose(open);
        return (space, index);
    }

    /// <summary>A sort keyword (<c>func</c>, <c>core module</c>, ...), consumed.</summary>
    private Space ReadSortKeyword()
    {
        var token = r.Current;
        if (r.AtKeyword("core"))
        {
            r.Next();
            var coreToken = r.Current;
            var core = coreToken.Kind == TokenKind.Keyword ? Spaces.CoreFromKeyword(r.TextString(coreToken)) : null;
            if (core == null) throw r.Error(coreToken, "expected a core sort");
            r.Next();
            return core.Value;
        }
        var space = token.Kind == TokenKind.Keyword ? Spaces.FromKeyword(r.TextString(token)) : null;
        if (space == null) throw r.Error(token, "expected a sort");
        r.Next();
        return space.Value;
    }

    /// <summary>Expects the right parenthesis that closes the form opened at <paramref name="open"/>.</summary>
    private void ExpectClose(Token open)
    {
        if (r.AtRightParen)
        {
            r.Next();
            return;
        }
        throw r.Current.Kind == TokenKind.EndOfFile
            ? r.Error(open, "unclosed form")
            : r.Error(r.Current, "unexpected token");
    }
}
