namespace Heron.Text;

/// <summary>
/// One index space of a module (types, functions, locals, ...): how many entries it has and which have
/// <c>$id</c>s. Symbolic references resolve here; numeric ones pass through unchecked, since an index out
/// of range is a validation error, not a text one.
/// </summary>
internal sealed class IndexSpace(string kind)
{
    private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);

    /// <summary>The word used in errors: "func", "type", "local", ...</summary>
    public string Kind { get; } = kind;

    public int Count { get; private set; }

    /// <summary>The <c>$id</c> of each entry (null where it has none), for the name section.</summary>
    public List<string?> Ids { get; } = [];

    /// <summary>Adds an entry, named or not, and returns its index.</summary>
    public int Add(string? id, Token token)
    {
        if (id != null && !names.TryAdd(id, Count)) throw new TextParseException("duplicate " + Kind, token.Line, token.Column);
        Ids.Add(id);
        return Count++;
    }

    public bool TryGet(string id, out int index) => names.TryGetValue(id, out index);

    /// <summary>Reads an index (a number or an <c>$id</c>) at the reader's position.</summary>
    public uint Resolve(TokenReader reader)
    {
        var token = reader.Current;
        if (token.Kind == TokenKind.Id)
        {
            var id = reader.IdName(token);
            if (!names.TryGetValue(id, out var index)) throw reader.Error(token, $"unknown {Kind} ${id}");
            reader.Next();
            return (uint)index;
        }
        if (token.Kind == TokenKind.Number) return reader.ReadU32();
        throw reader.Unexpected();
    }
}
