using System.Security.Cryptography;

namespace Heron.Wasi;

/// <summary>
/// Describes the world a WASI program sees: its arguments, environment, standard streams, the host
/// directories it may use, and its clock and random sources. Nothing is inherited from the host unless
/// asked for. Build a <see cref="WasiContext"/> from it with <see cref="Build"/>.
/// </summary>
public sealed class WasiConfiguration
{
    private readonly List<string> arguments = [];
    private readonly List<KeyValuePair<string, string>> environment = [];
    private readonly List<WasiPreopen> preopens = [];

    /// <summary>The arguments, the program name first.</summary>
    public IReadOnlyList<string> Arguments => arguments;

    /// <summary>The environment variables, in the order the guest sees them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => environment;

    /// <summary>The preopened directories, in descriptor order from 3.</summary>
    public IReadOnlyList<WasiPreopen> Preopens => preopens;

    /// <summary>The guest's standard input; null gives an empty one.</summary>
    public Stream? StandardInput { get; private set; }

    /// <summary>The guest's standard output; null discards what it writes.</summary>
    public Stream? StandardOutput { get; private set; }

    /// <summary>The guest's standard error; null discards what it writes.</summary>
    public Stream? StandardError { get; private set; }

    /// <summary>True when the standard streams are the host process's console.</summary>
    public bool InheritsStandardStreams { get; private set; }

    /// <summary>The source of the realtime and monotonic clocks.</summary>
    public TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    /// <summary>Fills a buffer for <c>random_get</c>.</summary>
    // A lambda, not the method group: the delegate then names only this assembly's method, and the
    // cryptography assembly is loaded at the first random_get instead of at every program's start.
    public Action<Span<byte>> RandomSource { get; private set; } = static buffer => RandomNumberGenerator.Fill(buffer);

    /// <summary>Adds arguments after those already given (the first one is the program name).</summary>
    public WasiConfiguration WithArguments(params IEnumerable<string> values)
    {
        arguments.AddRange(values);
        return this;
    }

    /// <summary>Adds one environment variable.</summary>
    public WasiConfiguration WithEnvironmentVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('=')) throw new ArgumentException("An environment variable name cannot contain '='.", nameof(name));
        environment.Add(new(name, value));
        return this;
    }

    /// <summary>Copies the host process's environment into the guest's.</summary>
    public WasiConfiguration InheritEnvironment()
    {
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment.Add(new((string)entry.Key, (string?)entry.Value ?? ""));
        return this;
    }

    /// <summary>Gives the guest the host process's standard input, output and error.</summary>
    public WasiConfiguration InheritStandardStreams()
    {
        // On Linux and macOS the descriptors themselves, without the console's terminal set-up (UnixStandardStream).
        StandardInput = UnixStandardStream.TryOpen(0) ?? Console.OpenStandardInput();
        StandardOutput = UnixStandardStream.TryOpen(1) ?? Console.OpenStandardOutput();
        StandardError = UnixStandardStream.TryOpen(2) ?? Console.OpenStandardError();
        InheritsStandardStreams = true;
        return this;
    }

    /// <summary>Sets the stream the guest reads as standard input.</summary>
    public WasiConfiguration WithStandardInput(Stream stream)
    {
        StandardInput = stream;
        return this;
    }

    /// <summary>Sets the stream that receives the guest's standard output.</summary>
    public WasiConfiguration WithStandardOutput(Stream stream)
    {
        StandardOutput = stream;
        return this;
    }

    /// <summary>Sets the stream that receives the guest's standard error.</summary>
    public WasiConfiguration WithStandardError(Stream stream)
    {
        StandardError = stream;
        return this;
    }

    /// <summary>Lets the guest use <paramref name="hostPath"/> under the name <paramref name="guestPath"/>.</summary>
    public WasiConfiguration PreopenDirectory(string hostPath, string guestPath, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        string full = Path.GetFullPath(hostPath);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Preopened directory not found: {full}");
        preopens.Add(new WasiPreopen(full, guestPath, readOnly));
        return this;
    }

    /// <summary>Replaces the realtime and monotonic clocks, for example with a fake one in tests.</summary>
    public WasiConfiguration WithTimeProvider(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Replaces the random source, for example with a seeded one for reproducible runs.</summary>
    public WasiConfiguration WithRandomSource(Action<Span<byte>> randomSource)
    {
        RandomSource = randomSource ?? throw new ArgumentNullException(nameof(randomSource));
        return this;
    }

    /// <summary>What the guest may do on the network (WASI 0.2 sockets); nothing unless granted.</summary>
    public WasiNetworkPolicy Network { get; private set; } = WasiNetworkPolicy.Denied;

    /// <summary>Sets what the guest may do on the network (WASI 0.2's <c>wasi:sockets</c>).</summary>
    public WasiConfiguration WithNetwork(WasiNetworkPolicy policy)
    {
        Network = policy ?? throw new ArgumentNullException(nameof(policy));
        return this;
    }

    /// <summary>Creates the context: the descriptor table with the standard streams and preopens.</summary>
    public WasiContext Build() => new(this);
}
