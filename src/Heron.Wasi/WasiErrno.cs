namespace Heron.Wasi;

/// <summary>The error numbers of WASI preview 1 (<c>errno</c>), in the order the witx defines them.</summary>
internal enum WasiErrno : ushort
{
    Success, TooBig, Acces, AddrInUse, AddrNotAvail, AfNoSupport, Again, Already, Badf, BadMsg, Busy,
    Canceled, Child, ConnAborted, ConnRefused, ConnReset, Deadlk, DestAddrReq, Dom, Dquot, Exist, Fault,
    Fbig, HostUnreach, Idrm, Ilseq, InProgress, Intr, Inval, Io, IsConn, IsDir, Loop, Mfile, Mlink,
    MsgSize, Multihop, NameTooLong, NetDown, NetReset, NetUnreach, Nfile, NoBufs, NoDev, NoEnt, NoExec,
    NoLck, NoLink, NoMem, NoMsg, NoProtoOpt, NoSpc, NoSys, NotConn, NotDir, NotEmpty, NotRecoverable,
    NotSock, NotSup, NotTy, Nxio, Overflow, OwnerDead, Perm, Pipe, Proto, ProtoNoSupport, ProtoType,
    Range, Rofs, Spipe, Srch, Stale, TimedOut, TxtBsy, Xdev, NotCapable,
}
