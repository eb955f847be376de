using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Heron.Bindgen;

/// <summary>
/// The diagnostics the generator reports: one id per class of error, each message carrying the detail.
/// Errors in WIT are located in the .wit file (file, line and column), errors of a [WitWorld] class at the class.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "Heron.Bindgen";

    private static DiagnosticDescriptor Error(string id, string title) =>
        new(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>Text that is not WIT at all: a stray character, an unterminated comment or string, a forbidden code point.</summary>
    public static readonly DiagnosticDescriptor Lexical = Error("HBG001", "Invalid WIT text");

    /// <summary>Tokens in an order the WIT grammar does not allow.</summary>
    public static readonly DiagnosticDescriptor Syntax = Error("HBG002", "WIT syntax error");

    /// <summary>An identifier that is not a kebab-case label (words of lower-case or upper-case letters and digits joined by '-').</summary>
    public static readonly DiagnosticDescriptor Identifier = Error("HBG003", "Invalid WIT identifier");

    /// <summary>A name that nothing defines: a type, an interface, a world or a package.</summary>
    public static readonly DiagnosticDescriptor Undefined = Error("HBG004", "Undefined WIT name");

    /// <summary>A name defined twice in one scope (types and functions of an interface, imports or exports of a world, parameters, fields, cases).</summary>
    public static readonly DiagnosticDescriptor Duplicate = Error("HBG005", "Duplicate WIT name");

    /// <summary>A type that contains itself, interfaces that use each other, worlds that include each other.</summary>
    public static readonly DiagnosticDescriptor Cycle = Error("HBG006", "Cyclic WIT definition");

    /// <summary>A type used where it may not be: a handle to something not a resource, an empty record or variant, too many flags, a constructor returning the wrong type.</summary>
    public static readonly DiagnosticDescriptor InvalidType = Error("HBG007", "Invalid WIT type");

    /// <summary>WIT that is valid but that Heron's bindings do not support yet (async, streams, futures, maps, fixed-length lists, nested packages).</summary>
    public static readonly DiagnosticDescriptor Unsupported = Error("HBG008", "Unsupported WIT feature");

    /// <summary>A file without a package declaration when no file of its folder has one, or files of one folder naming different packages.</summary>
    public static readonly DiagnosticDescriptor Package = Error("HBG009", "WIT package error");

    /// <summary>The world a [WitWorld] attribute names is not there, or its name matches several worlds.</summary>
    public static readonly DiagnosticDescriptor World = Error("HBG010", "WIT world not found");

    /// <summary>A [WitWorld] attribute on a class the generator cannot extend (not partial, static, generic, nested in another type).</summary>
    public static readonly DiagnosticDescriptor Target = Error("HBG011", "Invalid [WitWorld] class");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new()
    {
        [Lexical.Id] = Lexical, [Syntax.Id] = Syntax, [Identifier.Id] = Identifier, [Undefined.Id] = Undefined,
        [Duplicate.Id] = Duplicate, [Cycle.Id] = Cycle, [InvalidType.Id] = InvalidType, [Unsupported.Id] = Unsupported,
        [Package.Id] = Package, [World.Id] = World, [Target.Id] = Target,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];
}
