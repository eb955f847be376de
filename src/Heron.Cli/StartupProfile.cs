using System.Runtime;

namespace Heron.Cli;

/// <summary>
/// The runtime's multicore JIT for Heron's own start: the methods a run had JIT-compiled (the framework's
/// generic code instantiated over Heron's types, which ReadyToRun cannot precompile outside the framework)
/// are recorded in a profile under the user's cache folder, and the next run compiles them on another core
/// while its main thread reads and decodes the module. Guest code is never recorded (generated code is not
/// profiled). The runtime checks a profile against the assemblies it loads and ignores one that does not
/// match or does not parse, so a profile from another Heron build, or one that concurrent runs wrote over
/// each other, costs nothing but its read. <c>HERON_JIT_PROFILE=0</c> turns it off.
/// </summary>
internal static class StartupProfile
{
    /// <summary>The folder profiles are kept in: <c>jit-profile</c> in Heron's cache folder.</summary>
    public static string Folder => Path.Combine(CompiledCodeCache.DefaultFolder, "jit-profile");

    /// <summary>
    /// The profile's file name: the command and this build's identity, so that two Heron builds used in
    /// turn (two tool versions, a development build beside the installed tool) keep a profile each instead
    /// of replacing each other's with one the runtime must ignore.
    /// </summary>
    public static string ProfileName(string command) =>
        command + "-" + Hex(typeof(StartupProfile).Assembly.ManifestModule.ModuleVersionId) + ".jitprofile";

    /// <summary>
    /// The 32 hex digits of <paramref name="id"/>, written here because the framework's Guid formatting is
    /// vectorised code that ReadyToRun leaves to the JIT: a method JIT-compiled at every start.
    /// </summary>
    private static string Hex(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _); // the order Guid's own "N" format prints
        Span<char> digits = stackalloc char[32];
        for (int i = 0; i < 16; i++)
        {
            digits[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            digits[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }
        return new string(digits);
    }

    /// <summary>Starts using and recording the profile of <paramref name="command"/>; does nothing where the cache folder cannot be made.</summary>
    public static void Start(string command)
    {
        if (Environment.GetEnvironmentVariable("HERON_JIT_PROFILE") == "0") return;
        try
        {
            var folder = Folder;
            Directory.CreateDirectory(folder);
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(ProfileName(command));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // A read-only or missing home: the run goes on without the profile.
        }
    }
}
