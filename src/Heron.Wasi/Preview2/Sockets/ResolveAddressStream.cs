using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Heron.Wasi.Preview2.Sockets;

/// <summary>
/// The object behind a <c>resolve-address-stream</c>: a host-name lookup running in the background (an IP
/// address literal needs none). <c>resolve-next-address</c> answers <c>would-block</c> until it is done, then
/// gives one address per call and <c>none</c> after the last; the pollable is ready once it is done.
/// </summary>
internal sealed class ResolveAddressStream
{
    private readonly Task<IPAddress[]> lookup;
    private int next;

    private ResolveAddressStream(Task<IPAddress[]> lookup) => this.lookup = lookup;

    /// <summary>
    /// Starts resolving <paramref name="name"/>: an address literal stands for itself, a Unicode name is
    /// turned into its ASCII (IDNA) form first, and a name that cannot be one is <c>invalid-argument</c>.
    /// </summary>
    public static ResolveAddressStream Start(string name)
    {
        if (IsAddressLiteral(name) && IPAddress.TryParse(name, out var literal)) return new(Task.FromResult<IPAddress[]>([literal]));
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(name.TrimEnd('.'));
        }
        catch (ArgumentException)
        {
            throw NetworkFailure.InvalidArgument();
        }
        if (ascii.Length > 253 || ascii.Contains(':')) throw NetworkFailure.InvalidArgument();
        return new(Dns.GetHostAddressesAsync(ascii));
    }

    /// <summary>The next address, or null after the last.</summary>
    public IPAddress? Next()
    {
        if (!lookup.IsCompleted) throw NetworkFailure.WouldBlock();
        if (!lookup.IsCompletedSuccessfully)
            throw lookup.Exception?.InnerException is SocketException socket
                ? new NetworkFailure(SocketErrorCodes.From(socket))
                : new NetworkFailure("permanent-resolver-failure");
        var addresses = lookup.Result;
        return next < addresses.Length ? addresses[next++] : null;
    }

    public Task Pending => lookup;

    /// <summary>
    /// An IPv6 literal, or an IPv4 one in its full dotted form: .NET would also read "10.1" or "7" as
    /// addresses, which no resolver takes for one.
    /// </summary>
    private static bool IsAddressLiteral(string name) =>
        name.Contains(':') || (name.Count(c => c == '.') == 3 && name.All(c => c == '.' || char.IsAsciiDigit(c)));
}
