using Heron.Compilation;

namespace Heron.Tests.Compilation;

public class V128ConstantPoolTests
{
    [Fact]
    public unsafe void EachConstantHasOneAlignedCopyThatSurvivesTheTableGrowing()
    {
        // Constants no other test uses, so the process-wide pool holds them only once this test adds them.
        const ulong tag = 0x5EED_0000_0000_0000UL;
        var first = V128ConstantPool.AddressOf(tag, 1);
        var addresses = new nint[500];
        for (int i = 0; i < addresses.Length; i++) addresses[i] = V128ConstantPool.AddressOf(tag + (ulong)i, ~(ulong)i);
        Assert.Equal(first, V128ConstantPool.AddressOf(tag, 1));
        Assert.Equal(addresses.Length, addresses.Distinct().Count());
        for (int i = 0; i < addresses.Length; i++)
        {
            Assert.Equal(addresses[i], V128ConstantPool.AddressOf(tag + (ulong)i, ~(ulong)i));
            Assert.Equal(0, addresses[i] % 16);
            var block = (ulong*)addresses[i];
            Assert.Equal(tag + (ulong)i, block[0]);
            Assert.Equal(~(ulong)i, block[1]);
        }
    }

    [Fact]
    public void ThreadsAskingForTheSameConstantsGetTheSameCopies()
    {
        const ulong tag = 0x7A11_0000_0000_0000UL;
        var seen = new nint[4][];
        Parallel.For(0, seen.Length, t =>
        {
            seen[t] = new nint[300];
            for (int i = 0; i < 300; i++) seen[t][i] = V128ConstantPool.AddressOf(tag + (ulong)i, (ulong)i);
        });
        for (int t = 1; t < seen.Length; t++) Assert.Equal(seen[0], seen[t]);
    }
}
