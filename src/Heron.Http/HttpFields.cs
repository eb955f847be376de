namespace Heron.Http;

/// <summary>
/// The object behind a <c>wasi:http/types.fields</c> handle: HTTP header or trailer fields in the order they
/// came, names lowercased (field names are case-insensitive, and the guest sees them as Wasmtime's
/// <c>http</c> header map gives them). Fields the host hands out (a request's headers) and fields that
/// became part of a message are immutable: every change answers <c>header-error.immutable</c>.
/// </summary>
internal sealed class HttpFields
{
    private readonly List<(string Name, byte[] Value)> entries;

    public HttpFields(bool immutable = false, List<(string Name, byte[] Value)>? entries = null)
    {
        Immutable = immutable;
        this.entries = entries ?? [];
    }

    public bool Immutable { get; private set; }

    public IReadOnlyList<(string Name, byte[] Value)> Entries => entries;

    /// <summary>Becomes immutable: the fields now belong to a request or response.</summary>
    public void Freeze() => Immutable = true;

    public HttpFields Clone() => new(immutable: false, [.. entries]);

    public IEnumerable<byte[]> Get(string name)
    {
        foreach (var (key, value) in entries)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) yield return value;
    }

    public bool Has(string name) => entries.Exists(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds without checks: for fields the host builds from a message it received.</summary>
    public void AddTrusted(string name, byte[] value) => entries.Add((name.ToLowerInvariant(), value));

    /// <summary>The error a change would meet (<c>immutable</c>, <c>invalid-syntax</c>, <c>forbidden</c>), or null.</summary>
    public string? CheckChange(string name, IEnumerable<byte[]> values)
    {
        if (Immutable) return "immutable";
        return FieldRules.Check(name, values);
    }

    public void Set(string name, IReadOnlyList<byte[]> values)
    {
        Delete(name);
        foreach (var value in values) entries.Add((name.ToLowerInvariant(), value));
    }

    public void Delete(string name) => entries.RemoveAll(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public void Append(string name, byte[] value) => entries.Add((name.ToLowerInvariant(), value));
}
