namespace Heron.Wasi;

/// <summary><c>random_get</c>: fills guest memory from the configured source (a CSPRNG by default).</summary>
internal sealed class WasiRandom(WasiContext context)
{
    public int RandomGet(Span<byte> memory, int buffer, int length)
    {
        try
        {
            context.RandomSource(new GuestMemory(memory).Slice(buffer, length));
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }
}
