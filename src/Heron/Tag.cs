using Heron.Runtime;

namespace Heron;

/// <summary>
/// An exception tag: what a WebAssembly <c>throw</c> names and a <c>catch</c> matches. Tags are matched by
/// identity: two tags of the same type are different tags, and an imported tag is the very tag given to
/// the import. Its type is a function type with no results; the parameters are the exception's payload.
/// </summary>
public sealed class Tag : Extern
{
    internal Tag(FunctionType type, string typeKey, StoreRuntime owner)
    {
        Type = type;
        TypeKey = typeKey;
        Owner = owner;
    }

    /// <summary>Creates a new tag in <paramref name="store"/> whose exceptions carry values of <paramref name="type"/>'s parameters.</summary>
    /// <exception cref="ArgumentException">The type has results.</exception>
    public Tag(Store store, FunctionType type)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        if (type.Results.Count != 0) throw new ArgumentException($"a tag's type has no results, got {type}", nameof(type));
        Type = type;
        TypeKey = Validation.TypeIdentity.Of(type);
        Owner = store.Runtime;
    }

    /// <summary>The tag's type: the payload is its parameters, and it has no results.</summary>
    public FunctionType Type { get; }

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Tag;

    internal override StoreRuntime? Owner { get; }

    /// <summary>The type's identity across modules (see <see cref="Validation.TypeIdentity"/>): what an import of the tag must match.</summary>
    internal string TypeKey { get; }

    /// <summary>The tag's type, for diagnostics.</summary>
    public override string ToString() => $"tag {Type}";
}
