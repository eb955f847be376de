namespace Heron.Wasi;

/// <summary>
/// A guest pointer or length fell outside linear memory. It never leaves Heron.Wasi: every WASI function
/// catches it and answers <c>fault</c>, because a bad pointer is the guest's error, not a host failure.
/// </summary>
internal sealed class GuestFaultException : Exception
{
    public GuestFaultException() : base("guest pointer out of bounds") { }
}
