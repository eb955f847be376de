using Heron.Model;

namespace Heron.Validation;

/// <summary>
/// Checks a type's declared supertype (3.0): declared earlier, not final, of the same kind, and structurally
/// a supertype: a function's parameters contravariant and results covariant, a struct's fields a prefix
/// and an array's element alike, each immutable field covariant and each mutable one invariant.
/// </summary>
internal static class SubtypeDeclarations
{
    public static void Check(TypeDefinition[] types, int index, Subtyping subtyping)
    {
        var type = types[index];
        foreach (var super in type.SuperTypes)
        {
            // A supertype must be declared before the type (or earlier in its recursion group).
            if ((uint)super >= (uint)index) throw new ValidationException("unknown type");
            var parent = types[super];
            if (parent.Final || parent.Kind != type.Kind || !Extends(type, parent, subtyping))
                throw new ValidationException("sub type");
        }
    }

    private static bool Extends(TypeDefinition type, TypeDefinition parent, Subtyping subtyping)
    {
        if (type.Function is { } function)
        {
            var super = parent.FunctionType;
            if (function.Parameters.Count != super.Parameters.Count || function.Results.Count != super.Results.Count) return false;
            for (int i = 0; i < function.Parameters.Count; i++)
                if (!subtyping.Matches(super.Parameters[i], function.Parameters[i])) return false;
            for (int i = 0; i < function.Results.Count; i++)
                if (!subtyping.Matches(function.Results[i], super.Results[i])) return false;
            return true;
        }
        if (type.Fields.Length < parent.Fields.Length) return false;
        if (type.Kind == CompositeKind.Array && type.Fields.Length != parent.Fields.Length) return false;
        for (int i = 0; i < parent.Fields.Length; i++)
            if (!FieldExtends(type.Fields[i], parent.Fields[i], subtyping)) return false;
        return true;
    }

    private static bool FieldExtends(FieldType field, FieldType super, Subtyping subtyping)
    {
        if (field.Mutable != super.Mutable || field.Storage.PackedBits != super.Storage.PackedBits) return false;
        if (field.Storage.IsPacked) return true;
        return field.Mutable
            ? subtyping.Equivalent(field.Storage.Type, super.Storage.Type)
            : subtyping.Matches(field.Storage.Type, super.Storage.Type);
    }
}
