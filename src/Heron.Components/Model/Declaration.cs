namespace Heron.Components.Model;

/// <summary>
/// A declarator inside a component type or an instance type. Each one is validated in its own scope whose
/// index spaces start empty; outer aliases reach the enclosing scopes.
/// </summary>
internal abstract record Declaration(int Offset);

/// <summary><c>(core type ...)</c> inside a component or instance type.</summary>
internal sealed record CoreTypeDeclaration(int Offset, CoreDefType Type) : Declaration(Offset);

/// <summary><c>(type ...)</c> inside a component or instance type.</summary>
internal sealed record TypeDeclaration(int Offset, DefType Type) : Declaration(Offset);

/// <summary><c>(alias ...)</c> inside a component or instance type.</summary>
internal sealed record AliasDeclaration(int Offset, Sort Sort, AliasTarget Target) : Declaration(Offset);

/// <summary><c>(import name externtype)</c>: only inside a component type.</summary>
internal sealed record ImportDeclaration(int Offset, ExternName Name, ExternDesc Desc) : Declaration(Offset);

/// <summary><c>(export name externtype)</c>.</summary>
internal sealed record ExportDeclaration(int Offset, ExternName Name, ExternDesc Desc) : Declaration(Offset);
