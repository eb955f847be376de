using Heron.Text;

namespace Heron.Components.Text;

/// <summary>What a scope's definitions encode into.</summary>
internal enum ScopeKind
{
    Component,
    ComponentType,
    InstanceType,
    ModuleType,
}

/// <summary>
/// One scope of definitions: a component, a component type, an instance type or a core module type. It owns
/// the index spaces its definitions add to, the encoded definitions in the order they are emitted, and the
/// exports written inline (<c>(func (export "f") ...)</c>), which the text format appends after every other
/// definition of a component.
/// </summary>
internal sealed class Scope
{
    private readonly IndexSpace[] spaces = new IndexSpace[Spaces.Count];
    private readonly List<(DefinitionKind Kind, byte[] Bytes)> definitions = [];

    public Scope(ScopeKind kind, string? id, Scope? parent)
    {
        Kind = kind;
        Id = id;
        Parent = parent;
        for (var i = 0; i < spaces.Length; i++) spaces[i] = new IndexSpace(((Space)i).Describe());
    }

    public ScopeKind Kind { get; }

    /// <summary>The scope's <c>$id</c>, which outer aliases may name instead of a count.</summary>
    public string? Id { get; }

    public Scope? Parent { get; }

    /// <summary>Inline exports waiting for the end of the component: name, sort and index.</summary>
    public List<(string Name, Space Space, uint Index)> InlineExports { get; } = [];

    /// <summary>Function types of a module type by their encoding, so inline signatures reuse them.</summary>
    public Dictionary<string, uint> CoreFuncTypes { get; } = new(StringComparer.Ordinal);

    public IndexSpace this[Space space] => spaces[(int)space];

    public void Emit(DefinitionKind kind, byte[] bytes) => definitions.Add((kind, bytes));

    /// <summary>A component: the preamble, then consecutive definitions of one kind grouped into one section.</summary>
    public byte[] EncodeComponent()
    {
        var w = new ByteWriter();
        w.Bytes([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]);
        var i = 0;
        while (i < definitions.Count)
        {
            var kind = definitions[i].Kind;
            var body = new ByteWriter();
            if (kind is DefinitionKind.CoreModule or DefinitionKind.Component or DefinitionKind.Start)
            {
                body.Bytes(definitions[i].Bytes);
                i++;
            }
            else
            {
                var end = i;
                while (end < definitions.Count && definitions[end].Kind == kind) end++;
                body.U32((uint)(end - i));
                for (; i < end; i++) body.Bytes(definitions[i].Bytes);
            }
            w.Byte((byte)kind);
            w.Sized(body);
        }
        return w.ToArray();
    }

    /// <summary>A component, instance or module type: its opcode and its declarators.</summary>
    public void EncodeType(ByteWriter w)
    {
        w.Byte(Kind switch { ScopeKind.ComponentType => 0x41, ScopeKind.InstanceType => (byte)0x42, _ => 0x50 });
        w.U32((uint)definitions.Count);
        foreach (var (kind, bytes) in definitions)
        {
            w.Byte(DeclaratorCode(kind));
            w.Bytes(bytes);
        }
    }

    private byte DeclaratorCode(DefinitionKind kind) => (byte)(Kind == ScopeKind.ModuleType
        ? kind switch
        {
            DefinitionKind.Import => 0x00,
            DefinitionKind.CoreType => 0x01,
            DefinitionKind.Alias => 0x02,
            _ => 0x03,
        }
        : kind switch
        {
            DefinitionKind.CoreType => 0x00,
            DefinitionKind.Type => 0x01,
            DefinitionKind.Alias => 0x02,
            DefinitionKind.Import => 0x03,
            _ => 0x04,
        });
}
