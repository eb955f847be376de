using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

namespace Heron.Precompiled;

/// <summary>
/// What a precompiled module's code depends on, written into the artifact as <c>key=value</c> lines and
/// compared, key by key, with the loading process before any of its code is loaded: the Heron build, the
/// .NET runtime and processor the code was made for, the features and the engine settings that change
/// generated code, and the hash of the original module.
/// </summary>
internal sealed class PrecompiledManifest
{
    /// <summary>Bumped whenever the artifact's layout changes.</summary>
    public const string FormatVersion = "1";

    private readonly SortedDictionary<string, string> entries;

    private PrecompiledManifest(SortedDictionary<string, string> entries) => this.entries = entries;

    /// <summary>The hex SHA-256 of the original module's binary.</summary>
    public string ModuleHash => entries.GetValueOrDefault("module-sha256", "");

    /// <summary>The manifest of code compiled now, in this process, by an engine with <paramref name="config"/>.</summary>
    public static PrecompiledManifest For(EngineConfig config, ReadOnlySpan<byte> module)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = FormatVersion,
            ["module-sha256"] = Convert.ToHexStringLower(SHA256.HashData(module)),
        };
        foreach (var (key, value) in Environment(config)) entries[key] = value;
        return new PrecompiledManifest(entries);
    }

    /// <summary>
    /// Everything outside the module that the code depends on (the manifest less the module's hash):
    /// also what the compiled-code cache keys entries by.
    /// </summary>
    public static IEnumerable<(string Key, string Value)> Environment(EngineConfig config)
    {
        yield return ("heron", HeronBuild);
        yield return ("runtime", System.Environment.Version.ToString());
        yield return ("platform", RuntimeInformation.RuntimeIdentifier);
        yield return ("isa", InstructionSets);
        yield return ("features", ((long)config.Features).ToString(CultureInfo.InvariantCulture) + " (" + config.Features + ")");
        yield return ("fuel", Flag(config.ConsumeFuel));
        yield return ("epochs", Flag(config.EpochInterruption));
        yield return ("inline", Flag(config.InlineFunctions));
    }

    /// <summary>The Heron build: its version and the identity of the compiled Heron.Core (which changes with any change to its code).</summary>
    public static string HeronBuild { get; } = ComputeHeronBuild();

    private static string ComputeHeronBuild()
    {
        var assembly = typeof(PrecompiledManifest).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return version + " " + assembly.ManifestModule.ModuleVersionId.ToString("N");
    }

    /// <summary>The processor's instruction sets that change what the compiler emits (SIMD sequences).</summary>
    private static string InstructionSets
    {
        get
        {
            var sets = new List<string>();
            if (Sse.IsSupported) sets.Add("sse");
            if (Sse2.IsSupported) sets.Add("sse2");
            if (Ssse3.IsSupported) sets.Add("ssse3");
            if (Sse41.IsSupported) sets.Add("sse41");
            return sets.Count == 0 ? "none" : string.Join(',', sets);
        }
    }

    private static string Flag(bool on) => on ? "y" : "n";

    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in entries) text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads <see cref="ToText"/>'s form; throws <see cref="PrecompiledModuleException"/> for anything else.</summary>
    public static PrecompiledManifest Parse(string text)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0) throw new PrecompiledModuleException($"the precompiled module's manifest is malformed (line \"{line}\")");
            entries[line[..equals]] = line[(equals + 1)..];
        }
        if (!entries.TryGetValue("format", out var format))
            throw new PrecompiledModuleException("the precompiled module's manifest has no format version");
        if (format != FormatVersion)
            throw new PrecompiledModuleException($"the precompiled module has format {format}; this Heron reads format {FormatVersion}: compile the module again");
        return new PrecompiledManifest(entries);
    }

    /// <summary>
    /// Throws <see cref="PrecompiledModuleException"/> naming every difference between this manifest and
    /// what code compiled by an engine with <paramref name="config"/> in this process would have.
    /// </summary>
    public void EnsureMatches(EngineConfig config)
    {
        var differences = new List<string>();
        foreach (var (key, expected) in Environment(config))
        {
            var actual = entries.GetValueOrDefault(key, "(none)");
            if (actual != expected) differences.Add($"{Describe(key)}: the module has {actual}, this engine {expected}");
        }
        if (differences.Count > 0)
            throw new PrecompiledModuleException(
                "the precompiled module does not match this engine (compile it again with this Heron and these settings): " + string.Join("; ", differences));
    }

    private static string Describe(string key) => key switch
    {
        "heron" => "Heron build",
        "runtime" => ".NET runtime",
        "platform" => "platform",
        "isa" => "processor instruction sets",
        "features" => "WebAssembly features",
        "fuel" => "fuel consumption (EngineConfig.ConsumeFuel)",
        "epochs" => "epoch interruption (EngineConfig.EpochInterruption)",
        "inline" => "inlining (EngineConfig.InlineFunctions)",
        _ => key,
    };
}
