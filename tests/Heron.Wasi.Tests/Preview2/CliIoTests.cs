using System.Text;
using Heron.Components;
using static Heron.Wasi.Tests.Preview2.Preview2Harness;

namespace Heron.Wasi.Tests.Preview2;

public sealed class CliIoTests
{
    private const string Streams = "wasi:io/streams@0.2.0";

    [Fact]
    public void StdoutAndStderrReceiveWhatTheGuestWrites()
    {
        using var h = new Preview2Harness();
        var stdout = h.Get("wasi:cli/stdout@0.2.3", "get-stdout");
        var stderr = h.Get("wasi:cli/stderr@0.2.0", "get-stderr");
        Assert.True(h.Ok(Streams, "[method]output-stream.check-write", Borrow(stdout))!.AsU64() > 0);
        h.Ok(Streams, "[method]output-stream.blocking-write-and-flush", Borrow(stdout), Bytes("hello, "));
        h.Ok(Streams, "[method]output-stream.write", Borrow(stdout), Bytes("world"));
        h.Ok(Streams, "[method]output-stream.flush", Borrow(stdout));
        h.Ok(Streams, "[method]output-stream.write-zeroes", Borrow(stderr), ComponentValue.U64(2));
        Assert.Equal("hello, world", Encoding.UTF8.GetString(h.StandardOutput.ToArray()));
        Assert.Equal([0, 0], h.StandardError.ToArray());
    }

    [Fact]
    public void StdinReadsUntilItsEndThenReportsClosed()
    {
        using var h = new Preview2Harness();
        h.StandardInput.Write("abcdef"u8);
        h.StandardInput.Position = 0;
        var stdin = h.Get("wasi:cli/stdin@0.2.0", "get-stdin");
        Assert.Equal("abcd", Encoding.UTF8.GetString(h.Ok(Streams, "[method]input-stream.read", Borrow(stdin), ComponentValue.U64(4))!.AsBytes().Span));
        Assert.Equal(1UL, h.Ok(Streams, "[method]input-stream.skip", Borrow(stdin), ComponentValue.U64(1))!.AsU64());
        Assert.Equal("f", Encoding.UTF8.GetString(h.Ok(Streams, "[method]input-stream.blocking-read", Borrow(stdin), ComponentValue.U64(10))!.AsBytes().Span));
        var error = h.Error(Streams, "[method]input-stream.blocking-read", Borrow(stdin), ComponentValue.U64(10));
        Assert.Equal("closed", error.Label);
    }

    [Fact]
    public void SpliceMovesBytesFromAnInputToAnOutput()
    {
        using var h = new Preview2Harness();
        h.StandardInput.Write("piped"u8);
        h.StandardInput.Position = 0;
        var stdin = h.Get("wasi:cli/stdin@0.2.0", "get-stdin");
        var stdout = h.Get("wasi:cli/stdout@0.2.0", "get-stdout");
        Assert.Equal(5UL, h.Ok(Streams, "[method]output-stream.blocking-splice", Borrow(stdout), Borrow(stdin), ComponentValue.U64(100))!.AsU64());
        Assert.Equal("piped", Encoding.UTF8.GetString(h.StandardOutput.ToArray()));
    }

    [Fact]
    public void AFailingWriteReportsTheErrorOnceThenClosed()
    {
        using var h = new Preview2Harness(c => c.WithStandardOutput(new FailingStream()));
        var stdout = h.Get("wasi:cli/stdout@0.2.0", "get-stdout");
        var failed = h.Error(Streams, "[method]output-stream.blocking-write-and-flush", Borrow(stdout), Bytes("x"));
        Assert.Equal("last-operation-failed", failed.Label);
        var message = h.Get("wasi:io/error@0.2.0", "[method]error.to-debug-string", Borrow(failed.Payload!)).AsString();
        Assert.Contains("pipe is gone", message);
        Assert.Equal("closed", h.Error(Streams, "[method]output-stream.check-write", Borrow(stdout)).Label);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("the pipe is gone");
    }

    [Fact]
    public void ArgumentsAndEnvironmentAreTheConfiguredOnes()
    {
        using var h = new Preview2Harness(c => c.WithArguments("prog", "one").WithEnvironmentVariable("K", "v=1"));
        Assert.Equal(["prog", "one"], h.Get("wasi:cli/environment@0.2.0", "get-arguments").AsList().Select(v => v.AsString()));
        var pair = Assert.Single(h.Get("wasi:cli/environment@0.2.0", "get-environment").AsList()).AsList();
        Assert.Equal(("K", "v=1"), (pair[0].AsString(), pair[1].AsString()));
        Assert.Equal(ComponentValue.None, h.Get("wasi:cli/environment@0.2.0", "initial-cwd"));
    }

    [Fact]
    public void ExitWithOkIsZeroAndWithErrIsOne()
    {
        using var h = new Preview2Harness();
        Assert.Equal(0, Assert.Throws<WasiExitException>(() => h.Call("wasi:cli/exit@0.2.0", "exit", ComponentValue.Ok())).ExitCode);
        Assert.Equal(1, Assert.Throws<WasiExitException>(() => h.Call("wasi:cli/exit@0.2.0", "exit", ComponentValue.Error())).ExitCode);
    }

    [Fact]
    public void CapturedStreamsAreNoTerminal()
    {
        using var h = new Preview2Harness();
        Assert.Equal(ComponentValue.None, h.Get("wasi:cli/terminal-stdout@0.2.0", "get-terminal-stdout"));
        Assert.Equal(ComponentValue.None, h.Get("wasi:cli/terminal-stdin@0.2.0", "get-terminal-stdin"));
    }

    [Fact]
    public void DroppingAHandleForgetsItsObject()
    {
        using var h = new Preview2Harness();
        var stdout = h.Get("wasi:cli/stdout@0.2.0", "get-stdout").AsResource();
        stdout.Type.HostDestructor!(stdout.Representation);
        var stale = ComponentValue.Resource(new ResourceHandle(stdout.Type, stdout.Representation, isBorrow: true));
        Assert.Throws<TrapException>(() => h.Call(Streams, "[method]output-stream.check-write", stale));
    }

    [Fact]
    public void EveryInterfaceIsDefinedOnceAndAnswersAnyPointTwoVersion()
    {
        using var h = new Preview2Harness();
        foreach (var name in new[]
        {
            "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
            "wasi:cli/terminal-input", "wasi:cli/terminal-output", "wasi:cli/terminal-stdin", "wasi:cli/terminal-stdout",
            "wasi:cli/terminal-stderr", "wasi:io/error", "wasi:io/poll", "wasi:io/streams", "wasi:clocks/wall-clock",
            "wasi:clocks/monotonic-clock", "wasi:random/random", "wasi:random/insecure", "wasi:random/insecure-seed",
            "wasi:filesystem/types", "wasi:filesystem/preopens", "wasi:sockets/network", "wasi:sockets/instance-network",
            "wasi:sockets/tcp-create-socket", "wasi:sockets/udp-create-socket", "wasi:sockets/tcp", "wasi:sockets/udp",
            "wasi:sockets/ip-name-lookup",
        })
        {
            Assert.IsType<ComponentLinkerInstance>(h.Linker.Root.Find(name + "@0.2.12"));
            Assert.Null(h.Linker.Root.Find(name + "@0.3.0"));
        }
    }
}
