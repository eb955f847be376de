using Heron.Components.Model;

namespace Heron.Components.Runtime;

/// <summary>
/// The index spaces of one component (or type) scope while it is instantiated: every sort's items in
/// definition order, each entry already the runtime object (a core function, a component function, a
/// resolved type, an instance...). <see cref="Outer"/> is the enclosing scope, for outer aliases.
/// </summary>
internal sealed class IndexSpaces(IndexSpaces? outer)
{
    private readonly Dictionary<Sort, List<object>> _spaces = [];

    public IndexSpaces? Outer { get; } = outer;

    public void Add(Sort sort, object item)
    {
        if (!_spaces.TryGetValue(sort, out var space)) _spaces[sort] = space = [];
        space.Add(item);
    }

    public object Get(Sort sort, int index) =>
        _spaces.TryGetValue(sort, out var space) && (uint)index < (uint)space.Count
            ? space[index]
            : throw new LinkException($"{sort.Describe()} index {index} is out of bounds");

    public T Get<T>(Sort sort, int index) where T : class =>
        Get(sort, index) as T ?? throw new LinkException($"{sort.Describe()} {index} is not a {typeof(T).Name}");

    public ComponentDefinedType Type(int index) => Get<ComponentDefinedType>(Sort.Type, index);

    public ComponentValueType ValueType(ValType type) => type.Primitive is { } primitive
        ? PrimitiveType.Of(RuntimeTypes.Kind(primitive))
        : Get<ComponentValueType>(Sort.Type, type.TypeIndex);

    /// <summary>The scope <paramref name="count"/> levels out (0 is this one).</summary>
    public IndexSpaces OuterScope(int count)
    {
        var scope = this;
        for (var i = 0; i < count; i++) scope = scope.Outer ?? throw new LinkException($"outer alias count {count} reaches past the outermost component");
        return scope;
    }
}
