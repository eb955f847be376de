namespace Heron.Wasi.Tests.Core;

/// <summary>The errno numbers the tests assert, spelled as the witx does so a failure message reads plainly.</summary>
internal static class Errno
{
    public const int Success = 0, Acces = 2, Badf = 8, Exist = 20, Fault = 21, Ilseq = 25, Inval = 28, IsDir = 31,
        Loop = 32, NameTooLong = 37, NoEnt = 44, NotDir = 54, NotEmpty = 55, NotSock = 57, NotSup = 58,
        Perm = 63, Spipe = 70, NotCapable = 76;
}
