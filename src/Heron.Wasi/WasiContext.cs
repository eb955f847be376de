using System.Text;

namespace Heron.Wasi;

/// <summary>
/// The state of one WASI program: its descriptor table, arguments, environment, clocks and random source.
/// One context serves one instance (it is not thread-safe, like the store it lives in). Create it with
/// <see cref="WasiConfiguration"/>; dispose it to close every file the guest left open.
/// </summary>
public sealed class WasiContext : IDisposable
{
    internal WasiContext(WasiConfiguration configuration)
    {
        ArgumentStrings = [.. configuration.Arguments];
        // Loops, not collection expressions or Select over the pairs: the framework's generic code over
        // KeyValuePair is outside the ReadyToRun image and would be JIT-compiled at every start of the tool.
        var pairs = new KeyValuePair<string, string>[configuration.Environment.Count];
        var environment = new byte[pairs.Length][];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = configuration.Environment[i];
            environment[i] = Encoding.UTF8.GetBytes($"{pairs[i].Key}={pairs[i].Value}");
        }
        EnvironmentPairs = pairs;
        Preopens = [.. configuration.Preopens];
        StandardInput = configuration.StandardInput ?? Stream.Null;
        StandardOutput = configuration.StandardOutput ?? Stream.Null;
        StandardError = configuration.StandardError ?? Stream.Null;
        InheritsStandardStreams = configuration.InheritsStandardStreams;
        Network = configuration.Network;
        Arguments = [.. configuration.Arguments.Select(a => Encoding.UTF8.GetBytes(a))];
        Environment = environment;
        TimeProvider = configuration.TimeProvider;
        RandomSource = configuration.RandomSource;
        MonotonicOrigin = TimeProvider.GetTimestamp();

        bool console = configuration.InheritsStandardStreams;
        Descriptors.Set(0, FileDescriptor.ForStream(configuration.StandardInput ?? Stream.Null,
            console && IsTerminal(configuration.StandardInput, 0) ? WasiFileType.CharacterDevice : WasiFileType.Unknown,
            WasiRights.StdioBase & ~WasiRights.FdWrite));
        Descriptors.Set(1, FileDescriptor.ForStream(configuration.StandardOutput ?? Stream.Null,
            console && IsTerminal(configuration.StandardOutput, 1) ? WasiFileType.CharacterDevice : WasiFileType.Unknown,
            WasiRights.StdioBase & ~WasiRights.FdRead));
        Descriptors.Set(2, FileDescriptor.ForStream(configuration.StandardError ?? Stream.Null,
            console && IsTerminal(configuration.StandardError, 2) ? WasiFileType.CharacterDevice : WasiFileType.Unknown,
            WasiRights.StdioBase & ~WasiRights.FdRead));

        foreach (var preopen in configuration.Preopens)
            Descriptors.Add(FileDescriptor.ForPreopen(preopen));

        ArgsEnviron = new WasiArgsEnviron(this);
        Clocks = new WasiClocks(this);
        Random = new WasiRandom(this);
        Fd = new WasiFd(this);
        Path = new WasiPath(this);
        Poll = new WasiPoll(this);
        Proc = new WasiProc();
        Sock = new WasiSock(this);
    }

    /// <summary>
    /// Whether the inherited standard stream <paramref name="stream"/> (descriptor <paramref name="descriptor"/>)
    /// is a terminal: asked of the descriptor for Heron's own streams, of the console for the console's.
    /// </summary>
    private static bool IsTerminal(Stream? stream, int descriptor) => stream is UnixStandardStream
        ? UnixStandardStream.IsTerminal(descriptor)
        : descriptor switch { 0 => !Console.IsInputRedirected, 1 => !Console.IsOutputRedirected, _ => !Console.IsErrorRedirected };

    internal IReadOnlyList<string> ArgumentStrings { get; }
    internal IReadOnlyList<KeyValuePair<string, string>> EnvironmentPairs { get; }
    internal IReadOnlyList<WasiPreopen> Preopens { get; }
    internal Stream StandardInput { get; }
    internal Stream StandardOutput { get; }
    internal Stream StandardError { get; }
    internal bool InheritsStandardStreams { get; }
    internal WasiNetworkPolicy Network { get; }
    internal byte[][] Arguments { get; }
    internal byte[][] Environment { get; }
    internal TimeProvider TimeProvider { get; }
    internal Action<Span<byte>> RandomSource { get; }
    internal long MonotonicOrigin { get; }
    internal FileDescriptorTable Descriptors { get; } = new();

    internal WasiArgsEnviron ArgsEnviron { get; }
    internal WasiClocks Clocks { get; }
    internal WasiRandom Random { get; }
    internal WasiFd Fd { get; }
    internal WasiPath Path { get; }
    internal WasiPoll Poll { get; }
    internal WasiProc Proc { get; }
    internal WasiSock Sock { get; }

    /// <summary>Host objects WASI 0.2 opened for the guest outside the descriptor table (sockets), closed with the context.</summary>
    internal List<IDisposable> Closers { get; } = [];

    /// <summary>
    /// Closes every file, directory and socket the guest still holds. The standard streams stay open: they are
    /// the embedder's.
    /// </summary>
    public void Dispose()
    {
        Descriptors.Dispose();
        foreach (var closer in Closers) closer.Dispose();
        Closers.Clear();
    }
}
