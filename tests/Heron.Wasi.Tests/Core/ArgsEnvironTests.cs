namespace Heron.Wasi.Tests.Core;

public sealed class ArgsEnvironTests
{
    [Fact]
    public void ArgsSizesCountTheProgramNameAndNulTerminators()
    {
        using var h = new GuestHarness(c => c.WithArguments("prog.wasm", "a", "héllo"));
        int count = h.Alloc(4), size = h.Alloc(4);
        Assert.Equal(Errno.Success, h.Context.ArgsEnviron.ArgsSizesGet(h.Memory, count, size));
        Assert.Equal(3u, h.U32(count));
        Assert.Equal((uint)("prog.wasm".Length + 1 + 2 + "héllo"u8.Length + 1), h.U32(size));
    }

    [Fact]
    public void ArgsGetWritesPointersToNulTerminatedStrings()
    {
        using var h = new GuestHarness(c => c.WithArguments("prog", "x y", "\"quoted\"\n"));
        int argv = h.Alloc(12), buffer = h.Alloc(64, 1);
        Assert.Equal(Errno.Success, h.Context.ArgsEnviron.ArgsGet(h.Memory, argv, buffer));
        Assert.Equal((uint)buffer, h.U32(argv));
        Assert.Equal("prog\0x y\0\"quoted\"\n\0", h.Text(buffer, 19));
        Assert.Equal((uint)buffer + 5, h.U32(argv + 4));
        Assert.Equal((uint)buffer + 9, h.U32(argv + 8));
    }

    [Fact]
    public void EnvironHoldsOnlyConfiguredVariablesAsNameEqualsValue()
    {
        using var h = new GuestHarness(c => c.WithEnvironmentVariable("A", "1").WithEnvironmentVariable("B", "two words"));
        int count = h.Alloc(4), size = h.Alloc(4);
        Assert.Equal(Errno.Success, h.Context.ArgsEnviron.EnvironSizesGet(h.Memory, count, size));
        Assert.Equal(2u, h.U32(count));
        Assert.Equal(4u + 12u, h.U32(size));
        int environ = h.Alloc(8), buffer = h.Alloc(32, 1);
        Assert.Equal(Errno.Success, h.Context.ArgsEnviron.EnvironGet(h.Memory, environ, buffer));
        Assert.Equal("A=1\0B=two words\0", h.Text(buffer, 16));
        Assert.Equal((uint)buffer + 4, h.U32(environ + 4));
    }

    [Fact]
    public void NoVariablesMeansZeroSizes()
    {
        using var h = new GuestHarness();
        int count = h.Alloc(4), size = h.Alloc(4);
        h.WriteU32(count, 99);
        Assert.Equal(Errno.Success, h.Context.ArgsEnviron.EnvironSizesGet(h.Memory, count, size));
        Assert.Equal(0u, h.U32(count));
        Assert.Equal(0u, h.U32(size));
    }

    [Fact]
    public void OutOfBoundsPointersFaultInsteadOfThrowing()
    {
        using var h = new GuestHarness(c => c.WithArguments("prog"));
        Assert.Equal(Errno.Fault, h.Context.ArgsEnviron.ArgsSizesGet(h.Memory, h.Memory.Length - 2, 0));
        Assert.Equal(Errno.Fault, h.Context.ArgsEnviron.ArgsGet(h.Memory, 0, h.Memory.Length - 3));
        Assert.Equal(Errno.Fault, h.Context.ArgsEnviron.ArgsGet(h.Memory, -4, 0));
    }
}
