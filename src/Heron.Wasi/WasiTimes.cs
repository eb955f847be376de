namespace Heron.Wasi;

/// <summary>Turns the <c>fstflags</c> and times of the <c>*_set_times</c> functions into what the host takes.</summary>
internal static class WasiTimes
{
    /// <summary>
    /// Each result is nanoseconds, "now" or "leave alone" (<see cref="UnixNative.UtimeNow"/>/<see cref="UnixNative.UtimeOmit"/>).
    /// A time given both explicitly and as "now" is <c>inval</c>, as is any unknown flag.
    /// </summary>
    public static (long Access, long Modification) FromFlags(long atim, long mtim, int flags)
    {
        if ((flags & ~WasiFlags.FstAll) != 0) throw new WasiErrnoException(WasiErrno.Inval);
        bool atimSet = (flags & WasiFlags.FstAtim) != 0, atimNow = (flags & WasiFlags.FstAtimNow) != 0;
        bool mtimSet = (flags & WasiFlags.FstMtim) != 0, mtimNow = (flags & WasiFlags.FstMtimNow) != 0;
        if ((atimSet && atimNow) || (mtimSet && mtimNow)) throw new WasiErrnoException(WasiErrno.Inval);
        long access = atimNow ? UnixNative.UtimeNow : atimSet ? Check(atim) : UnixNative.UtimeOmit;
        long modification = mtimNow ? UnixNative.UtimeNow : mtimSet ? Check(mtim) : UnixNative.UtimeOmit;
        return (access, modification);
    }

    // Timestamps are unsigned in WASI; past 2262 they do not fit the host's signed nanoseconds.
    private static long Check(long nanos) => nanos >= 0 ? nanos : throw new WasiErrnoException(WasiErrno.Inval);
}
