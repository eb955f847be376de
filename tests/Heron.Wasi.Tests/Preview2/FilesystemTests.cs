using System.Text;
using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;

namespace Heron.Wasi.Tests.Preview2;

public sealed class FilesystemTests
{
    private const string Types = "wasi:filesystem/types@0.2.0";

    private static ComponentValue Flags(params string[] set) => ComponentValue.Flags(set);

    private static ComponentValue Open(Preview2Harness h, ComponentValue directory, string path, string[] open, string[] flags) =>
        h.Ok(Types, "[method]descriptor.open-at", directory, Flags(), ComponentValue.String(path), Flags(open), Flags(flags))!;

    private static string ErrorCode(Preview2Harness h, string method, params ComponentValue[] arguments) =>
        h.Error(Types, $"[method]descriptor.{method}", arguments).Label!;

    [Fact]
    public void AFileWrittenThroughAStreamReadsBackThroughAnother()
    {
        using var h = new Preview2Harness();
        var root = h.RootDirectory();
        var file = Open(h, root, "out.txt", ["create"], ["read", "write"]);
        var output = h.Ok(Types, "[method]descriptor.write-via-stream", Borrow(file), ComponentValue.U64(0))!;
        h.Ok("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush", Borrow(output), Bytes("hello"));
        Assert.Equal("hello", File.ReadAllText(Path.Combine(h.Sandbox, "out.txt")));

        var input = h.Ok(Types, "[method]descriptor.read-via-stream", Borrow(file), ComponentValue.U64(1))!;
        var read = h.Ok("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read", Borrow(input), ComponentValue.U64(100))!;
        Assert.Equal("ello", Encoding.UTF8.GetString(read.AsBytes().Span));
        Assert.Equal("closed", h.Error("wasi:io/streams@0.2.0", "[method]input-stream.read", Borrow(input), ComponentValue.U64(1)).Label);

        var stat = h.Ok(Types, "[method]descriptor.stat", Borrow(file))!.AsRecord();
        Assert.Equal("regular-file", stat[0].Value.Label);
        Assert.Equal(5UL, stat[2].Value.AsU64());
        Assert.Equal(["read", "write"], h.Ok(Types, "[method]descriptor.get-flags", Borrow(file))!.AsFlags());
    }

    [Fact]
    public void ReadAndWriteAtAnOffsetReportTheEnd()
    {
        using var h = new Preview2Harness();
        File.WriteAllText(Path.Combine(h.Sandbox, "data"), "0123456789");
        var file = Open(h, h.RootDirectory(), "data", [], ["read", "write"]);
        Assert.Equal(2UL, h.Ok(Types, "[method]descriptor.write", Borrow(file), Bytes("ab"), ComponentValue.U64(3))!.AsU64());
        var (bytes, end) = ReadAt(h, file, 4, 2);
        Assert.Equal(("2ab5", false), (bytes, end));
        Assert.Equal(("89", true), ReadAt(h, file, 10, 8));
        h.Ok(Types, "[method]descriptor.set-size", Borrow(file), ComponentValue.U64(4));
        Assert.Equal("012a", File.ReadAllText(Path.Combine(h.Sandbox, "data")));
    }

    private static (string, bool) ReadAt(Preview2Harness h, ComponentValue file, ulong length, ulong offset)
    {
        var pair = h.Ok(Types, "[method]descriptor.read", Borrow(file), ComponentValue.U64(length), ComponentValue.U64(offset))!.AsList();
        return (Encoding.UTF8.GetString(pair[0].AsBytes().Span), pair[1].AsBool());
    }

    [Fact]
    public void AFileOpenedReadOnlyCannotBeWritten()
    {
        using var h = new Preview2Harness();
        File.WriteAllText(Path.Combine(h.Sandbox, "ro"), "x");
        var file = Open(h, h.RootDirectory(), "ro", [], ["read"]);
        Assert.Equal("bad-descriptor", ErrorCode(h, "write-via-stream", Borrow(file), ComponentValue.U64(0)));
        Assert.Equal("bad-descriptor", ErrorCode(h, "write", Borrow(file), Bytes("y"), ComponentValue.U64(0)));
    }

    [Fact]
    public void DirectoryOperationsShareThePreviewOneSandbox()
    {
        using var h = new Preview2Harness();
        var root = h.RootDirectory();
        h.Ok(Types, "[method]descriptor.create-directory-at", root, ComponentValue.String("sub"));
        Open(h, root, "sub/b", ["create"], ["write"]);
        Open(h, root, "sub/a", ["create"], ["write"]);
        var sub = Open(h, root, "sub", ["directory"], ["read"]);
        Assert.Equal("directory", h.Ok(Types, "[method]descriptor.get-type", Borrow(sub))!.Label);
        var entries = h.Ok(Types, "[method]descriptor.read-directory", Borrow(sub))!;
        var names = new List<string>();
        while (h.Ok(Types, "[method]directory-entry-stream.read-directory-entry", Borrow(entries)) is { Label: "some" } entry)
            names.Add(entry.Payload!.AsRecord()[1].Value.AsString());
        Assert.Equal(["a", "b"], names);

        Assert.Equal("not-permitted", ErrorCode(h, "open-at", root, Flags(), ComponentValue.String("../escape"), Flags(), Flags("read")));
        Assert.Equal("not-permitted", ErrorCode(h, "stat-at", root, Flags(), ComponentValue.String("/etc")));
        Assert.Equal("no-entry", ErrorCode(h, "stat-at", root, Flags(), ComponentValue.String("missing")));
        Assert.Equal("exist", ErrorCode(h, "create-directory-at", root, ComponentValue.String("sub")));
        Assert.Equal("not-empty", ErrorCode(h, "remove-directory-at", root, ComponentValue.String("sub")));
        Assert.Equal("is-directory", ErrorCode(h, "open-at", root, Flags(), ComponentValue.String("sub"), Flags(), Flags("write")));

        h.Ok(Types, "[method]descriptor.rename-at", root, ComponentValue.String("sub/a"), root, ComponentValue.String("moved"));
        h.Ok(Types, "[method]descriptor.symlink-at", root, ComponentValue.String("moved"), ComponentValue.String("link"));
        Assert.Equal("moved", h.Ok(Types, "[method]descriptor.readlink-at", root, ComponentValue.String("link"))!.AsString());
        Assert.Equal("symbolic-link", h.Ok(Types, "[method]descriptor.stat-at", root, Flags(), ComponentValue.String("link"))!.AsRecord()[0].Value.Label);
        var followed = h.Ok(Types, "[method]descriptor.metadata-hash-at", root, Flags("symlink-follow"), ComponentValue.String("link"))!;
        var target = h.Ok(Types, "[method]descriptor.metadata-hash-at", root, Flags(), ComponentValue.String("moved"))!;
        Assert.Equal(target, followed);
        h.Ok(Types, "[method]descriptor.unlink-file-at", root, ComponentValue.String("link"));
        Assert.True(File.Exists(Path.Combine(h.Sandbox, "moved")));
        Assert.False(File.Exists(Path.Combine(h.Sandbox, "link")));
    }

    [Fact]
    public void IsSameObjectComparesTheFilesBehindTwoDescriptors()
    {
        using var h = new Preview2Harness();
        File.WriteAllText(Path.Combine(h.Sandbox, "f"), "");
        var root = h.RootDirectory();
        var first = Open(h, root, "f", [], ["read"]);
        var second = Open(h, root, "f", [], ["read"]);
        Assert.True(h.Get(Types, "[method]descriptor.is-same-object", Borrow(first), Borrow(second)).AsBool());
        Assert.False(h.Get(Types, "[method]descriptor.is-same-object", Borrow(first), root).AsBool());
    }

    [Fact]
    public void AReadOnlyPreopenRefusesChanges()
    {
        using var h = new Preview2Harness(readOnly: true);
        var root = h.RootDirectory();
        Assert.Equal(["read"], h.Ok(Types, "[method]descriptor.get-flags", root)!.AsFlags());
        Assert.Equal("not-permitted", ErrorCode(h, "create-directory-at", root, ComponentValue.String("d")));
        Assert.False(Directory.Exists(Path.Combine(h.Sandbox, "d")));
    }

    [Fact]
    public void AStreamErrorOnAFileCarriesItsErrorCode()
    {
        using var h = new Preview2Harness();
        var file = Open(h, h.RootDirectory(), "g", ["create"], ["read", "write"]);
        var input = h.Ok(Types, "[method]descriptor.read-via-stream", Borrow(file), ComponentValue.U64(0))!;
        // A guest that drops the descriptor before its stream closes the file under the stream.
        var handle = file.AsResource();
        handle.Type.HostDestructor!(handle.Representation);
        var failure = h.Error("wasi:io/streams@0.2.0", "[method]input-stream.read", Borrow(input), ComponentValue.U64(1));
        Assert.Equal("last-operation-failed", failure.Label);
        Assert.Equal("bad-descriptor", h.Get(Types, "filesystem-error-code", Borrow(failure.Payload!)).Payload!.Label);
    }

    [Fact]
    public void ADirectoryOpenedWithoutTheReadFlagCanStillBeListed()
    {
        using var h = new Preview2Harness();
        Directory.CreateDirectory(Path.Combine(h.Sandbox, "d", "inner"));
        var directory = Open(h, h.RootDirectory(), "d", ["directory"], []);
        var entries = h.Ok(Types, "[method]descriptor.read-directory", Borrow(directory))!;
        var entry = h.Ok(Types, "[method]directory-entry-stream.read-directory-entry", Borrow(entries))!;
        Assert.Equal("inner", entry.Payload!.AsRecord()[1].Value.AsString());
    }
}
