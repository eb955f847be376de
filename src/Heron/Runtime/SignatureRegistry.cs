using System.Text;
using Heron.Model;
using Heron.Validation;

namespace Heron.Runtime;

/// <summary>
/// The engine's canonical types, shared by all its modules (like Wasmtime's shared type registry): each
/// distinct type in the iso-recursive sense gets one integer id, so that call_indirect checks a callee's
/// type with one integer compare across modules, and subtyping across modules (imports, typed tables and
/// globals, call_indirect into a non-final type) follows the declared supertype chain of ids.
/// </summary>
/// <remarks>
/// A recursion group is keyed by its structure, with references inside the group by offset and references
/// to earlier groups by those groups' ids; equal keys are the same types. Ids are never released: a module's
/// compiled code holds them as constants.
/// </remarks>
internal sealed class SignatureRegistry
{
    private readonly Dictionary<string, int> groups = new(StringComparer.Ordinal);
    private readonly List<CanonicalType> types = new();
    private readonly Lock gate = new();

    /// <summary>The engine id of each of a module's types, by type index.</summary>
    public int[] Register(TypeDefinition[] moduleTypes)
    {
        var ids = new int[moduleTypes.Length];
        var key = new StringBuilder();
        lock (gate)
        {
            int start = 0;
            while (start < moduleTypes.Length)
            {
                var size = Math.Max(1, Math.Min(moduleTypes[start].RecGroupSize, moduleTypes.Length - start));
                key.Clear();
                TypeCanonicalizer.AppendGroup(key, moduleTypes, start, size, ids);
                var text = key.ToString();
                if (!groups.TryGetValue(text, out var first))
                {
                    first = types.Count;
                    groups.Add(text, first);
                    for (int i = 0; i < size; i++) ids[start + i] = first + i;
                    for (int i = 0; i < size; i++) types.Add(Describe(moduleTypes[start + i], first + i, ids));
                }
                for (int i = 0; i < size; i++) ids[start + i] = first + i;
                start += size;
            }
        }
        return ids;
    }

    /// <summary>
    /// The id of a host function's type: a group of its own, final, without supertypes. A host type can only
    /// name abstract heap types, since a type index means nothing outside a module.
    /// </summary>
    public int Register(FunctionType type)
    {
        foreach (var t in type.ParameterArray) HostTypes.RequireAbstract(t, nameof(type));
        foreach (var t in type.ResultArray) HostTypes.RequireAbstract(t, nameof(type));
        return Register([new TypeDefinition { Kind = CompositeKind.Function, Function = type }])[0];
    }

    public CanonicalType this[int id]
    {
        get { lock (gate) return types[id]; }
    }

    public FunctionType TypeOf(int id) => this[id].Function!;

    /// <summary>The types of <paramref name="ids"/>, in order (an instance's type table), under one lock.</summary>
    public CanonicalType[] ForIds(int[] ids)
    {
        var result = new CanonicalType[ids.Length];
        lock (gate)
            for (int i = 0; i < ids.Length; i++) result[i] = types[ids[i]];
        return result;
    }

    /// <summary>True when the type <paramref name="actual"/> is <paramref name="expected"/> or declares it as an ancestor.</summary>
    public bool IsSubtype(int actual, int expected) => actual == expected || this[actual].HasSupertype(expected);

    /// <summary>
    /// The matching relation on canonical value types (concrete heap types given by engine ids), for values
    /// and types that cross module boundaries.
    /// </summary>
    public bool Matches(ValueType actual, ValueType expected)
    {
        if (!actual.IsReference || !expected.IsReference) return actual.Kind == expected.Kind;
        if (actual.Nullable && !expected.Nullable) return false;
        return HeapMatches(actual.Heap, expected.Heap);
    }

    public bool HeapMatches(HeapType actual, HeapType expected)
    {
        if (actual.Code == expected.Code) return true;
        if (actual.IsConcrete)
        {
            if (expected.IsConcrete) return IsSubtype(actual.TypeIndex, expected.TypeIndex);
            return Subtyping.ConcreteMatchesAbstract(this[actual.TypeIndex].Kind, expected);
        }
        if (expected.IsConcrete) return Subtyping.BottomOf(this[expected.TypeIndex].Kind) == actual;
        return Subtyping.AbstractMatches(actual, expected);
    }

    /// <summary>Both types match each other: what a mutable global or a table import requires.</summary>
    public bool Equivalent(ValueType a, ValueType b) => Matches(a, b) && Matches(b, a);

    /// <summary>A module's value type with its concrete heap type, if any, replaced by the engine id.</summary>
    public static ValueType Canonical(ValueType type, int[] ids) =>
        type.IsReference && type.Heap.IsConcrete && (uint)type.Heap.TypeIndex < (uint)ids.Length
            ? ValueType.Ref(new HeapType(ids[type.Heap.TypeIndex]), type.Nullable)
            : type;

    /// <summary>Loops rather than LINQ over a Heron struct, which ReadyToRun leaves to the JIT at every start.</summary>
    private static ValueType[] CanonicalAll(ValueType[] types, int[] ids)
    {
        var canonical = new ValueType[types.Length];
        for (int i = 0; i < canonical.Length; i++) canonical[i] = Canonical(types[i], ids);
        return canonical;
    }

    private CanonicalType Describe(TypeDefinition type, int id, int[] ids)
    {
        FunctionType? function = null;
        if (type.Function is { } f)
            function = new FunctionType(CanonicalAll(f.ParameterArray, ids), CanonicalAll(f.ResultArray, ids));
        // Validation puts a supertype before its subtype, so its entry (and chain) already exists.
        CanonicalType? parent = null;
        if (type.SuperTypes.Length > 0 && (uint)type.SuperTypes[0] < (uint)ids.Length && ids[type.SuperTypes[0]] < id)
            parent = types[ids[type.SuperTypes[0]]];
        var fields = new FieldType[type.Fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            var field = type.Fields[i];
            fields[i] = field with { Storage = field.Storage with { Type = Canonical(field.Storage.Type, ids) } };
        }
        return new CanonicalType(id, type.Kind, type.Final, parent, function, fields);
    }
}
