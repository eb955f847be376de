using System.Collections.Generic;

namespace Heron.Bindgen.Model;

internal enum FunctionKind { Freestanding, Constructor, Method, Static }

/// <summary>
/// A function of an interface or world, or of a resource. <see cref="ExternName"/> is the name the component
/// imports or exports it under (<c>[method]file.read</c> for a method); a method's first parameter is <c>self</c>.
/// </summary>
internal sealed class FunctionModel(string name, FunctionKind kind, TypeDefinition? resource, string? doc)
{
    public string Name { get; } = name;
    public FunctionKind Kind { get; } = kind;
    public TypeDefinition? Resource { get; } = resource;
    public string? Doc { get; } = doc;
    public List<Field> Parameters { get; } = [];
    public WitType? Result { get; set; }

    /// <summary>The same function under another name (a world function renamed by <c>include ... with</c>).</summary>
    public FunctionModel Renamed(string name)
    {
        var copy = new FunctionModel(name, Kind, Resource, Doc) { Result = Result };
        copy.Parameters.AddRange(Parameters);
        return copy;
    }

    public string ExternName => Kind switch
    {
        FunctionKind.Constructor => $"[constructor]{Resource!.Name}",
        FunctionKind.Method => $"[method]{Resource!.Name}.{Name}",
        FunctionKind.Static => $"[static]{Resource!.Name}.{Name}",
        _ => Name,
    };

    public override string ToString() => ExternName;
}
