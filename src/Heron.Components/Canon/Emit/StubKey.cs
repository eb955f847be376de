using System.Text;

namespace Heron.Components.Canon.Emit;

/// <summary>
/// The shape of a signature that a compiled stub depends on, as a string: the types with their labels, and
/// resource handles numbered by first appearance (resource types are nominal and fresh per instance, so a
/// stub takes them from its target; two signatures differing only in which resources they name share one).
/// </summary>
internal static class StubKey
{
    /// <summary>The key text, and the resource types in the order the key numbers them.</summary>
    public static (string Key, ResourceType[] Resources) Of(ComponentFunctionType type)
    {
        var resources = new List<ResourceType>();
        var text = new StringBuilder("(");
        foreach (var parameter in type.Parameters)
        {
            text.Append(parameter.Label).Append(':');
            Write(text, parameter.Type, resources);
            text.Append(',');
        }
        text.Append(")->");
        if (type.Result != null) Write(text, type.Result, resources);
        return (text.ToString(), resources.ToArray());
    }

    /// <summary>The index of <paramref name="resource"/> among <paramref name="resources"/>, in the order <see cref="Of"/> numbered them.</summary>
    public static int IndexOf(IReadOnlyList<ResourceType> resources, ResourceType resource)
    {
        for (var i = 0; i < resources.Count; i++) if (ReferenceEquals(resources[i], resource)) return i;
        throw new InvalidOperationException($"the resource {resource.Name} is not part of the signature");
    }

    private static void Write(StringBuilder text, ComponentValueType type, List<ResourceType> resources)
    {
        switch (type)
        {
            case PrimitiveType p:
                text.Append(p);
                break;
            case ListType list:
                text.Append("list<");
                Write(text, list.Element, resources);
                if (list.FixedLength is { } n) text.Append(',').Append(n);
                text.Append('>');
                break;
            case RecordType record:
                text.Append("record{");
                foreach (var field in record.Fields)
                {
                    text.Append(field.Label).Append(':');
                    Write(text, field.Type, resources);
                    text.Append(',');
                }
                text.Append('}');
                break;
            case TupleType tuple:
                text.Append("tuple<");
                foreach (var element in tuple.Types)
                {
                    Write(text, element, resources);
                    text.Append(',');
                }
                text.Append('>');
                break;
            case VariantType variant:
                text.Append("variant{");
                foreach (var c in variant.Cases)
                {
                    text.Append(c.Label);
                    if (c.Type != null)
                    {
                        text.Append('(');
                        Write(text, c.Type, resources);
                        text.Append(')');
                    }
                    text.Append(',');
                }
                text.Append('}');
                break;
            case EnumType e:
                text.Append("enum{").AppendJoin(',', e.Cases).Append('}');
                break;
            case OptionType option:
                text.Append("option<");
                Write(text, option.Type, resources);
                text.Append('>');
                break;
            case ResultType result:
                text.Append("result<");
                if (result.Ok != null) Write(text, result.Ok, resources);
                text.Append(',');
                if (result.Error != null) Write(text, result.Error, resources);
                text.Append('>');
                break;
            case FlagsType flags:
                text.Append("flags{").AppendJoin(',', flags.Names).Append('}');
                break;
            case HandleType handle:
            {
                var index = resources.FindIndex(r => ReferenceEquals(r, handle.Resource));
                if (index < 0)
                {
                    index = resources.Count;
                    resources.Add(handle.Resource);
                }
                text.Append(handle.IsBorrow ? "borrow#" : "own#").Append(index);
                break;
            }
            default:
                throw new ArgumentException($"{type} values are not supported");
        }
    }
}
