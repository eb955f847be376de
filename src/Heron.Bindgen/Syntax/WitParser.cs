using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Heron.Bindgen.Syntax;

/// <summary>
/// Parses one .wit file into a <see cref="FileSyntax"/> following the grammar of the component model's
/// WIT.md. Stops at the first error (a <see cref="WitSyntaxException"/>). Items gated <c>@unstable</c> are
/// left out, as WIT toolchains do unless a feature is enabled; <c>@since</c> and <c>@deprecated</c> are read and
/// accepted.
/// </summary>
internal sealed partial class WitParser
{
    private readonly WitSource _source;
    private readonly List<Token> _tokens;
    private readonly List<string?> _docs;
    private int _index;

    private WitParser(WitSource source)
    {
        _source = source;
        (_tokens, _docs) = WitLexer.Lex(source.Text);
    }

    public static FileSyntax Parse(WitSource source) => new WitParser(source).ParseFile();

    private Token Current => _tokens[_index];

    private Token PeekAt(int ahead) => _tokens[System.Math.Min(_index + ahead, _tokens.Count - 1)];

    private string? CurrentDoc => _docs[_index];

    private FileSyntax ParseFile()
    {
        PackageNameSyntax? package = null;
        var uses = new List<TopLevelUseSyntax>();
        var interfaces = new List<InterfaceSyntax>();
        var worlds = new List<WorldSyntax>();
        var nested = new List<NestedPackageSyntax>();
        SkipGates(out _);
        if (Current.Kind == TokenKind.Package)
        {
            var start = Current.Start;
            Advance();
            var name = ParsePackageName(start);
            if (Current.Kind == TokenKind.Semicolon)
            {
                Advance();
                package = name;
            }
            else
            {
                nested.Add(ParseNestedPackage(name));
            }
        }
        while (Current.Kind != TokenKind.EndOfFile)
        {
            if (Current.Kind == TokenKind.Package)
            {
                var start = Current.Start;
                Advance();
                var name = ParsePackageName(start);
                nested.Add(ParseNestedPackage(name));
                continue;
            }
            ParsePackageItem(uses, interfaces, worlds, allowPackage: true);
        }
        return new FileSyntax(_source, package, uses, interfaces, worlds, nested);
    }

    private NestedPackageSyntax ParseNestedPackage(PackageNameSyntax name)
    {
        Expect(TokenKind.LeftBrace, "'{' or ';' after the package name");
        var uses = new List<TopLevelUseSyntax>();
        var interfaces = new List<InterfaceSyntax>();
        var worlds = new List<WorldSyntax>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            if (Current.Kind == TokenKind.EndOfFile) throw Error(Diagnostics.Syntax, Current, "expected '}' to close the package");
            ParsePackageItem(uses, interfaces, worlds, allowPackage: false);
        }
        Advance();
        return new NestedPackageSyntax(name, uses, interfaces, worlds);
    }

    private void ParsePackageItem(List<TopLevelUseSyntax> uses, List<InterfaceSyntax> interfaces, List<WorldSyntax> worlds, bool allowPackage)
    {
        var doc = CurrentDoc;
        var unstable = SkipGates(out var gateDoc);
        doc ??= gateDoc;
        switch (Current.Kind)
        {
            case TokenKind.Use:
            {
                Advance();
                var path = ParseUsePath();
                NameSyntax? alias = null;
                if (Accept(TokenKind.As)) alias = ParseName();
                Expect(TokenKind.Semicolon, "';'");
                uses.Add(new TopLevelUseSyntax(path, alias));
                return;
            }
            case TokenKind.Interface:
            {
                Advance();
                var name = ParseName();
                var items = ParseInterfaceBody();
                if (!unstable) interfaces.Add(new InterfaceSyntax(name, items, doc));
                return;
            }
            case TokenKind.World:
            {
                Advance();
                var name = ParseName();
                var items = ParseWorldBody();
                if (!unstable) worlds.Add(new WorldSyntax(name, items, doc));
                return;
            }
            case TokenKind.Package when !allowPackage:
                throw Error(Diagnostics.Syntax, Current, "a package cannot be declared inside another package");
            default:
                throw Error(Diagnostics.Syntax, Current, $"expected 'interface', 'world' or 'use', found {Current}");
        }
    }

    /// <summary><c>package-decl ::= 'package' (id ':')+ id ('/' id)* ('@' semver)?</c>; nested namespaces are refused.</summary>
    private PackageNameSyntax ParsePackageName(int start)
    {
        var ns = ParseName();
        Expect(TokenKind.Colon, "':' between the namespace and the package name");
        var name = ParseName();
        if (Current.Kind is TokenKind.Colon or TokenKind.Slash)
            throw Error(Diagnostics.Unsupported, Current, "nested namespaces and packages (a:b:c, a:b/c) are not supported");
        string? version = null;
        if (Accept(TokenKind.At)) version = ParseVersion();
        return new PackageNameSyntax(ns.Name, name.Name, version, start, _tokens[_index - 1].End);
    }

    private string ParseVersion()
    {
        if (Current.Kind != TokenKind.Version) throw Error(Diagnostics.Syntax, Current, $"expected a version after '@', found {Current}");
        var token = Advance();
        if (!IsSemver(token.Text)) throw Error(Diagnostics.Syntax, token, $"'{token.Text}' is not a semantic version (major.minor.patch)");
        return token.Text;
    }

    /// <summary><c>use-path ::= id | id ':' id '/' id ('@' semver)?</c>. The colon of a package path touches both names.</summary>
    private UsePathSyntax ParseUsePath()
    {
        var first = ParseName();
        if (Current.Kind != TokenKind.Colon || Current.SpaceBefore || PeekAt(1).SpaceBefore || !PeekAt(1).IsIdentifier)
            return new UsePathSyntax(null, first, first.Start, first.End);
        Advance();
        var packageName = ParseName();
        if (Current.Kind == TokenKind.Colon)
            throw Error(Diagnostics.Unsupported, Current, "nested namespaces and packages (a:b:c) are not supported");
        Expect(TokenKind.Slash, "'/' and an interface name after the package");
        var iface = ParseName();
        if (Current.Kind == TokenKind.Slash)
            throw Error(Diagnostics.Unsupported, Current, "nested packages (a:b/c/d) are not supported");
        string? version = null;
        if (Accept(TokenKind.At)) version = ParseVersion();
        var end = _tokens[_index - 1].End;
        return new UsePathSyntax(new PackageNameSyntax(first.Name, packageName.Name, version, first.Start, end), iface, first.Start, end);
    }

    private NameSyntax ParseName()
    {
        var token = Current;
        if (!token.IsIdentifier)
        {
            var what = token.Kind is TokenKind.EndOfFile or TokenKind.Identifier or TokenKind.Integer or TokenKind.String or TokenKind.Version
                || !char.IsLetter(token.Text.Length > 0 ? token.Text[0] : ' ')
                ? token.ToString()
                : $"the keyword '{token.Text}' (write %{token.Text} to use it as a name)";
            throw Error(Diagnostics.Syntax, token, $"expected an identifier, found {what}");
        }
        Advance();
        CheckLabel(token);
        return new NameSyntax(token.Text, token.Start, token.End);
    }

    /// <summary>
    /// A WIT identifier is a kebab-case label: words joined by single '-', each starting with a letter and
    /// either all lower-case or all upper-case (digits anywhere after the first character).
    /// </summary>
    private void CheckLabel(Token token)
    {
        foreach (var word in token.Text.Split('-'))
        {
            if (word.Length == 0)
                throw Error(Diagnostics.Identifier, token, $"'{token.Text}' is not a valid identifier: words must be joined by single '-', with none at either end");
            if (!char.IsLetter(word[0]))
                throw Error(Diagnostics.Identifier, token, $"'{token.Text}' is not a valid identifier: each word must start with a letter ('{word}' does not)");
            bool lower = false, upper = false;
            foreach (var c in word)
            {
                if (c is >= 'a' and <= 'z') lower = true;
                else if (c is >= 'A' and <= 'Z') upper = true;
            }
            if (lower && upper)
                throw Error(Diagnostics.Identifier, token, $"'{token.Text}' is not a valid identifier: the word '{word}' mixes upper and lower case (WIT names are kebab-case)");
        }
    }

    /// <summary>Skips <c>@since</c>, <c>@unstable</c>, <c>@deprecated</c> gates; true when the item is unstable (and so left out).</summary>
    private bool SkipGates(out string? doc)
    {
        doc = null;
        var unstable = false;
        while (Current.Kind == TokenKind.At)
        {
            doc ??= CurrentDoc;
            var at = Advance();
            var name = Current;
            if (!name.IsIdentifier || name.SpaceBefore)
                throw Error(Diagnostics.Syntax, name, "expected a gate (@since, @unstable, @deprecated) after '@'");
            Advance();
            switch (name.Text)
            {
                case "since":
                case "deprecated":
                    Expect(TokenKind.LeftParen, "'('");
                    ExpectWord("version");
                    Expect(TokenKind.Equals, "'='");
                    ParseVersion();
                    Expect(TokenKind.RightParen, "')'");
                    break;
                case "unstable":
                    Expect(TokenKind.LeftParen, "'('");
                    ExpectWord("feature");
                    Expect(TokenKind.Equals, "'='");
                    ParseName();
                    Expect(TokenKind.RightParen, "')'");
                    unstable = true;
                    break;
                case "external-id":
                    throw Error(Diagnostics.Unsupported, at, "@external-id is not supported");
                default:
                    throw Error(Diagnostics.Syntax, name, $"unknown gate '@{name.Text}' (expected @since, @unstable or @deprecated)");
            }
        }
        return unstable;
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsIdentifier || Current.Text != word) throw Error(Diagnostics.Syntax, Current, $"expected '{word}', found {Current}");
        Advance();
    }

    private Token Advance()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1) _index++;
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw Error(Diagnostics.Syntax, Current, $"expected {what}, found {Current}");
        return Advance();
    }

    private static bool IsSemver(string text)
    {
        var core = text;
        var cut = core.IndexOfAny(['-', '+']);
        if (cut >= 0) core = core.Substring(0, cut);
        var parts = core.Split('.');
        if (parts.Length != 3) return false;
        foreach (var part in parts)
        {
            if (part.Length == 0 || (part.Length > 1 && part[0] == '0')) return false;
            foreach (var c in part) if (c is < '0' or > '9') return false;
        }
        return cut < 0 || cut < text.Length - 1;
    }

    private static WitSyntaxException Error(DiagnosticDescriptor descriptor, Token token, string message) =>
        new(descriptor, token.Start, System.Math.Max(token.End, token.Start + 1), message);
}
