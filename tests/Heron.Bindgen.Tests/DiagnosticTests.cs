using Microsoft.CodeAnalysis;

namespace Heron.Bindgen.Tests;

/// <summary>One test per class of error: each is a compiler error with its id, message and place in the .wit file.</summary>
public class DiagnosticTests
{
    private const string WorldClass = """
        [Heron.Bindgen.WitWorld]
        public partial class Bindings;
        """;

    /// <summary>The only diagnostic the generator reports for the WIT, with its line and column (1-based).</summary>
    private static (Diagnostic Diagnostic, int Line, int Column) Single(string wit, string csharp = WorldClass)
    {
        var run = GeneratorHarness.Run(csharp, ("/project/wit/test.wit", wit));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        return (diagnostic, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    private static void AssertAt(string wit, string id, int line, int column, string messagePart)
    {
        var (diagnostic, actualLine, actualColumn) = Single(wit);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("/project/wit/test.wit", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal((line, column), (actualLine, actualColumn));
        Assert.Contains(messagePart, diagnostic.GetMessage());
    }

    [Fact]
    public void AStrayCharacterIsALexicalError() => AssertAt("""
        package a:b;
        interface i {
            f: func() -> u32 $;
        }
        """, "HBG001", 3, 22, "unexpected character '$'");

    [Fact]
    public void AnUnterminatedCommentIsALexicalError() => AssertAt("""
        package a:b;
        /* never closed
        interface i {}
        """, "HBG001", 2, 1, "unterminated block comment");

    [Fact]
    public void TokensOutOfOrderAreASyntaxError() => AssertAt("""
        package a:b;
        interface i {
            f: func(x: u32 -> u32;
        }
        """, "HBG002", 3, 20, "expected ')'");

    [Fact]
    public void AKeywordWhereANameIsExpectedSaysHowToEscapeIt() => AssertAt("""
        package a:b;
        interface i {
            record type { x: u32 }
        }
        """, "HBG002", 3, 12, "%type");

    [Fact]
    public void ANameThatIsNotKebabCaseIsAnIdentifierError() => AssertAt("""
        package a:b;
        interface i {
            record myRecord { x: u32 }
        }
        """, "HBG003", 3, 12, "mixes upper and lower case");

    [Fact]
    public void AnUndefinedTypeIsReported() => AssertAt("""
        package a:b;
        interface i {
            f: func() -> missing;
        }
        """, "HBG004", 3, 18, "type 'missing' is not defined");

    [Fact]
    public void AnUndefinedPackageIsReported() => AssertAt("""
        package a:b;
        world w {
            import wasi:io/streams@0.2.0;
        }
        """, "HBG004", 3, 12, "package 'wasi:io@0.2.0' is not defined");

    [Fact]
    public void ANameDefinedTwiceIsADuplicate() => AssertAt("""
        package a:b;
        interface i {
            enum e { x }
            record e { y: u32 }
        }
        """, "HBG005", 4, 12, "'e' is already defined");

    [Fact]
    public void ARecursiveTypeIsACycle() => AssertAt("""
        package a:b;
        interface i {
            record a { b: b }
            record b { a: list<a> }
        }
        """, "HBG006", 3, 12, "type 'a' contains itself (a -> b -> a)");

    [Fact]
    public void InterfacesUsingEachOtherAreACycle()
    {
        var (diagnostic, _, _) = Single("""
            package a:b;
            interface x { use y.{t}; type u = u32; }
            interface y { use x.{u}; type t = u32; }
            """);
        Assert.Equal("HBG006", diagnostic.Id);
        Assert.Contains("use each other", diagnostic.GetMessage());
    }

    [Fact]
    public void BorrowingARecordIsAnInvalidType() => AssertAt("""
        package a:b;
        interface i {
            record r { x: u32 }
            f: func(x: borrow<r>);
        }
        """, "HBG007", 4, 23, "'r' is a record, not a resource");

    [Fact]
    public void ABorrowInAResultIsAnInvalidType() => AssertAt("""
        package a:b;
        interface i {
            resource r;
            f: func() -> borrow<r>;
        }
        """, "HBG007", 4, 18, "contains a borrowed handle");

    [Fact]
    public void AnEmptyRecordIsAnInvalidType() => AssertAt("""
        package a:b;
        interface i {
            record r {}
        }
        """, "HBG007", 3, 12, "has no fields");

    [Fact]
    public void StreamsAreUnsupported() => AssertAt("""
        package a:b;
        interface i {
            f: func() -> stream<u8>;
        }
        """, "HBG008", 3, 18, "not supported");

    [Fact]
    public void AsyncFunctionsAreUnsupported() => AssertAt("""
        package a:b;
        interface i {
            f: async func();
        }
        """, "HBG008", 3, 8, "async functions are not supported");

    [Fact]
    public void AFileWithoutAPackageIsAPackageError() => AssertAt("""
        interface i {
            f: func();
        }
        """, "HBG009", 1, 1, "no 'package' declaration");

    [Fact]
    public void FilesOfOneFolderNamingDifferentPackagesAreAPackageError()
    {
        var run = GeneratorHarness.Run(WorldClass, ("/p/wit/a.wit", "package a:b;\ninterface i {}\n"), ("/p/wit/c.wit", "package c:d;\ninterface j {}\n"));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("HBG009", diagnostic.Id);
        Assert.Equal("/p/wit/c.wit", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void AMissingWorldIsReportedAtTheClass()
    {
        var run = GeneratorHarness.Run("""
            [Heron.Bindgen.WitWorld("nope")]
            public partial class Bindings;
            """, ("/p/wit/a.wit", "package a:b;\nworld w {}\n"));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("HBG010", diagnostic.Id);
        Assert.Equal("Program.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("no WIT world 'nope' was found; the worlds are a:b/w", diagnostic.GetMessage());
    }

    [Fact]
    public void AnAmbiguousWorldNameAsksForTheFullName()
    {
        var run = GeneratorHarness.Run("""
            [Heron.Bindgen.WitWorld("w")]
            public partial class Bindings;
            """, ("/p/one/a.wit", "package a:b;\nworld w {}\n"), ("/p/two/c.wit", "package c:d;\nworld w {}\n"));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("HBG010", diagnostic.Id);
        Assert.Contains("matches several worlds (a:b/w, c:d/w)", diagnostic.GetMessage());
    }

    [Fact]
    public void AClassThatIsNotPartialIsReported()
    {
        var run = GeneratorHarness.Run("""
            [Heron.Bindgen.WitWorld]
            public class Bindings;
            """, ("/p/wit/a.wit", "package a:b;\nworld w {}\n"));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("HBG011", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("must be declared partial", diagnostic.GetMessage());
    }
}
