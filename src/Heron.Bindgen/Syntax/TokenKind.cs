namespace Heron.Bindgen.Syntax;

/// <summary>The kinds of WIT tokens: identifiers, keywords, operators, literals.</summary>
internal enum TokenKind
{
    EndOfFile,
    Identifier,
    Integer,
    String,
    /// <summary>A semantic version after '@' (lexed as one token so its dots are not operators).</summary>
    Version,

    // Operators.
    Equals, Comma, Colon, Semicolon, LeftParen, RightParen, LeftBrace, RightBrace, Less, Greater, Star, Arrow,
    Slash, Dot, At, Underscore,

    // Keywords.
    As, Async, Bool, Borrow, Char, Constructor, Enum, Export, F32, F64, Flags, From, Func, Future, Import,
    Include, Interface, List, Map, Option, Own, Package, Record, Resource, Result, S16, S32, S64, S8, Static,
    Stream, String_, Tuple, Type, U16, U32, U64, U8, Use, Variant, With, World, ErrorContext,
}
