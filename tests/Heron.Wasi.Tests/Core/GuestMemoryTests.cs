namespace Heron.Wasi.Tests.Core;

public sealed class GuestMemoryTests
{
    [Fact]
    public void ReadsAndWritesAreLittleEndian()
    {
        var bytes = new byte[16];
        var memory = new GuestMemory(bytes);
        memory.WriteU64(0, 0x0102030405060708);
        memory.WriteU16(8, 0xA0B0);
        Assert.Equal(0x08, bytes[0]);
        Assert.Equal(0x01, bytes[7]);
        Assert.Equal(0xB0, bytes[8]);
        Assert.Equal(0x05060708u, memory.ReadU32(0));
        Assert.Equal(0xA0B0, memory.ReadU16(8));
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(16, 1)]
    [InlineData(-1, 2)]
    [InlineData(-16, 32)]
    [InlineData(8, int.MaxValue)]
    [InlineData(8, -1)]
    public void AccessesPastTheEndOrWrappingAroundFault(int pointer, int length)
    {
        var bytes = new byte[16];
        Assert.Throws<GuestFaultException>(() => new GuestMemory(bytes).Slice(pointer, length));
    }

    [Fact]
    public void AnEmptySliceAtTheEndIsAllowed()
    {
        var bytes = new byte[16];
        Assert.Equal(0, new GuestMemory(bytes).Slice(16, 0).Length);
    }

    [Fact]
    public void IovecArraysAreCheckedAsAWholeFirst()
    {
        var bytes = new byte[64];
        Assert.Equal(2, new GuestMemory(bytes).IovecCount(0, 2));
        Assert.Throws<GuestFaultException>(() => new GuestMemory(bytes).IovecCount(0, 9));
        Assert.Throws<GuestFaultException>(() => new GuestMemory(bytes).IovecCount(-8, 2));
    }

    [Fact]
    public void InvalidUtf8IsIlseq()
    {
        var bytes = new byte[] { 0xC3, 0x28 };
        var error = Assert.Throws<WasiErrnoException>(() => new GuestMemory(bytes).ReadString(0, 2));
        Assert.Equal(WasiErrno.Ilseq, error.Errno);
    }
}
