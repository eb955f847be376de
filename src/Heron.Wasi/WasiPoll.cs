namespace Heron.Wasi;

/// <summary>
/// <c>poll_oneoff</c>. Files and the standard streams are always ready (reads and writes on them never
/// wait for another party), so an fd subscription answers at once; only when none is present does the
/// call sleep, until the earliest clock subscription is due.
/// </summary>
internal sealed class WasiPoll(WasiContext context)
{
    private const byte EventClock = 0, EventFdRead = 1, EventFdWrite = 2;
    private const int SubscriptionClockAbstime = 1;

    public int PollOneoff(Span<byte> memory, int subscriptions, int events, int count, int countPointer)
    {
        try
        {
            if (count == 0) return (int)WasiErrno.Inval;
            var guest = new GuestMemory(memory);
            long total = (long)(uint)count;
            guest.Slice(subscriptions, (int)Math.Min(total * WasiLayout.SubscriptionSize, int.MaxValue));
            guest.Slice(events, (int)Math.Min(total * WasiLayout.EventSize, int.MaxValue));

            var ready = new List<Event>();
            var clocks = new List<(ulong UserData, ulong Remaining)>();
            for (int i = 0; i < count; i++)
            {
                int at = (int)((uint)subscriptions + (uint)i * WasiLayout.SubscriptionSize);
                ulong userData = guest.ReadU64(at);
                byte type = guest.ReadU8(at + 8);
                switch (type)
                {
                    case EventClock:
                        int clock = (int)guest.ReadU32(at + 16);
                        ulong timeout = guest.ReadU64(at + 24);
                        int flags = guest.ReadU16(at + 40);
                        ulong now;
                        try
                        {
                            now = context.Clocks.Now(clock);
                        }
                        catch (WasiErrnoException e)
                        {
                            ready.Add(new Event(userData, e.Errno, EventClock, 0));
                            break;
                        }
                        ulong remaining = (flags & SubscriptionClockAbstime) != 0
                            ? (timeout > now ? timeout - now : 0)
                            : timeout;
                        clocks.Add((userData, remaining));
                        break;
                    case EventFdRead:
                    case EventFdWrite:
                        ready.Add(FdEvent(userData, type, (int)guest.ReadU32(at + 16)));
                        break;
                    default:
                        return (int)WasiErrno.Inval;
                }
            }

            if (ready.Count == 0 && clocks.Count > 0)
            {
                ulong earliest = clocks.Min(c => c.Remaining);
                if (earliest > 0) Thread.Sleep(WasiClocks.ToTimeSpan(earliest));
                foreach (var (userData, remaining) in clocks)
                {
                    if (remaining <= earliest) ready.Add(new Event(userData, WasiErrno.Success, EventClock, 0));
                }
            }
            else
            {
                foreach (var (userData, remaining) in clocks)
                {
                    if (remaining == 0) ready.Add(new Event(userData, WasiErrno.Success, EventClock, 0));
                }
            }

            for (int i = 0; i < ready.Count; i++)
            {
                var e = ready[i];
                WasiLayout.WriteEvent(guest, (int)((uint)events + (uint)i * WasiLayout.EventSize), e.UserData, e.Error, e.Type, e.Bytes, 0);
            }
            guest.WriteU32(countPointer, (uint)ready.Count);
            return 0;
        }
        catch (Exception e)
        {
            return ErrnoMapper.From(e);
        }
    }

    private Event FdEvent(ulong userData, byte type, int fd)
    {
        if (!context.Descriptors.TryGet(fd, out var entry)) return new Event(userData, WasiErrno.Badf, type, 0);
        if ((entry.RightsBase & WasiRights.PollFdReadwrite) == 0) return new Event(userData, WasiErrno.NotCapable, type, 0);
        switch (entry.Kind)
        {
            case DescriptorKind.File when type == EventFdRead:
                long available = RandomAccess.GetLength(entry.Handle!) - entry.Position;
                return new Event(userData, WasiErrno.Success, type, (ulong)Math.Max(0, available));
            case DescriptorKind.Directory:
                return new Event(userData, WasiErrno.Badf, type, 0);
            default:
                return new Event(userData, WasiErrno.Success, type, 0);
        }
    }

    private readonly record struct Event(ulong UserData, WasiErrno Error, byte Type, ulong Bytes);
}
