using System.Collections.Generic;

namespace Heron.Bindgen.Syntax;

// The WIT syntax tree: what one file says, before names are resolved. Every node keeps the character range
// it came from, so the resolver can point a diagnostic at the exact place.

/// <summary>An identifier where it was written.</summary>
internal sealed record NameSyntax(string Name, int Start, int End);

/// <summary><c>namespace:name@version</c>.</summary>
internal sealed record PackageNameSyntax(string Namespace, string Name, string? Version, int Start, int End)
{
    public string Key => Namespace + ":" + Name + (Version is null ? "" : "@" + Version);
    public override string ToString() => Key;
}

/// <summary>An interface reference: a bare name in scope, or <c>ns:pkg/interface@version</c>.</summary>
internal sealed record UsePathSyntax(PackageNameSyntax? Package, NameSyntax Interface, int Start, int End)
{
    public override string ToString() => Package is null ? Interface.Name
        : $"{Package.Namespace}:{Package.Name}/{Interface.Name}{(Package.Version is null ? "" : "@" + Package.Version)}";
}

/// <summary>One .wit file: its package declaration, top-level uses, interfaces, worlds and nested packages.</summary>
internal sealed record FileSyntax(WitSource Source, PackageNameSyntax? Package, List<TopLevelUseSyntax> Uses,
    List<InterfaceSyntax> Interfaces, List<WorldSyntax> Worlds, List<NestedPackageSyntax> NestedPackages);

/// <summary><c>package a:b { ... }</c> inside a file.</summary>
internal sealed record NestedPackageSyntax(PackageNameSyntax Package, List<TopLevelUseSyntax> Uses,
    List<InterfaceSyntax> Interfaces, List<WorldSyntax> Worlds);

/// <summary><c>use a:b/c@1.0.0 as d;</c> at the top level of a file.</summary>
internal sealed record TopLevelUseSyntax(UsePathSyntax Path, NameSyntax? Alias)
{
    public NameSyntax LocalName => Alias ?? Path.Interface;
}

/// <summary><c>interface name { items }</c>; inline interfaces of worlds have no name of their own.</summary>
internal sealed record InterfaceSyntax(NameSyntax Name, List<ItemSyntax> Items, string? Doc);

/// <summary><c>world name { items }</c>.</summary>
internal sealed record WorldSyntax(NameSyntax Name, List<ItemSyntax> Items, string? Doc);

/// <summary>An item of an interface or a world.</summary>
internal abstract record ItemSyntax;

/// <summary><c>use path.{a, b as c};</c> inside an interface or world.</summary>
internal sealed record UseSyntax(UsePathSyntax Path, List<UseNameSyntax> Names) : ItemSyntax;

internal sealed record UseNameSyntax(NameSyntax Name, NameSyntax? Alias)
{
    public NameSyntax LocalName => Alias ?? Name;
}

/// <summary><c>name: func(...) -> t;</c>.</summary>
internal sealed record FunctionSyntax(NameSyntax Name, FuncTypeSyntax Type, string? Doc) : ItemSyntax;

/// <summary>A named type definition of any kind.</summary>
internal abstract record TypeDefSyntax(NameSyntax Name, string? Doc) : ItemSyntax;

internal sealed record AliasSyntax(NameSyntax Name, TypeSyntax Target, string? Doc) : TypeDefSyntax(Name, Doc);

internal sealed record RecordSyntax(NameSyntax Name, List<FieldSyntax> Fields, string? Doc) : TypeDefSyntax(Name, Doc);

internal sealed record FieldSyntax(NameSyntax Name, TypeSyntax Type, string? Doc);

internal sealed record VariantSyntax(NameSyntax Name, List<CaseSyntax> Cases, string? Doc) : TypeDefSyntax(Name, Doc);

internal sealed record CaseSyntax(NameSyntax Name, TypeSyntax? Payload, string? Doc);

internal sealed record EnumSyntax(NameSyntax Name, List<CaseSyntax> Cases, string? Doc) : TypeDefSyntax(Name, Doc);

internal sealed record FlagsSyntax(NameSyntax Name, List<CaseSyntax> Flags, string? Doc) : TypeDefSyntax(Name, Doc);

internal sealed record ResourceSyntax(NameSyntax Name, List<ResourceFunctionSyntax> Functions, string? Doc) : TypeDefSyntax(Name, Doc);

internal enum ResourceFunctionKind { Constructor, Method, Static }

/// <summary>A constructor, method or static function inside a resource block.</summary>
internal sealed record ResourceFunctionSyntax(ResourceFunctionKind Kind, NameSyntax Name, FuncTypeSyntax Type, string? Doc);

/// <summary><c>func(params) -> result</c>; <c>async</c> is remembered only to be refused.</summary>
internal sealed record FuncTypeSyntax(List<FieldSyntax> Parameters, TypeSyntax? Result, bool IsAsync, int Start, int End);

/// <summary><c>import</c>/<c>export</c> in a world: a plain-named function or inline interface, or an interface by path.</summary>
internal sealed record ExternSyntax(bool IsExport, NameSyntax? Label, FuncTypeSyntax? Function, InterfaceSyntax? Inline, UsePathSyntax? Path, string? Doc, int Start, int End) : ItemSyntax;

/// <summary><c>include path with { a as b };</c>.</summary>
internal sealed record IncludeSyntax(UsePathSyntax Path, List<(NameSyntax From, NameSyntax To)> Renames) : ItemSyntax;

/// <summary>A type expression.</summary>
internal abstract record TypeSyntax(int Start, int End);

internal enum PrimitiveKind { Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String }

internal sealed record PrimitiveTypeSyntax(PrimitiveKind Kind, int Start, int End) : TypeSyntax(Start, End);

internal sealed record NamedTypeSyntax(NameSyntax Name) : TypeSyntax(Name.Start, Name.End);

internal sealed record ListTypeSyntax(TypeSyntax Element, int Start, int End) : TypeSyntax(Start, End);

internal sealed record OptionTypeSyntax(TypeSyntax Inner, int Start, int End) : TypeSyntax(Start, End);

internal sealed record ResultTypeSyntax(TypeSyntax? Ok, TypeSyntax? Error, int Start, int End) : TypeSyntax(Start, End);

internal sealed record TupleTypeSyntax(List<TypeSyntax> Elements, int Start, int End) : TypeSyntax(Start, End);

internal sealed record HandleTypeSyntax(NameSyntax Resource, bool IsBorrow, int Start, int End) : TypeSyntax(Start, End);
