using System.Security.Cryptography;
using System.Text;
using Heron.Precompiled;

namespace Heron.Cli;

/// <summary>
/// <c>heron run -C cache=y</c>: compiled code kept between runs, as precompiled modules (the files
/// <c>heron compile</c> writes) in the user's cache folder, one per module and engine environment. The
/// key hashes the module's bytes with everything its code depends on (Heron build, runtime, platform,
/// features, code-changing settings: <see cref="PrecompiledManifest.Environment"/>), so a new Heron or
/// other settings never find a stale entry. Entries are written to a temporary file and renamed into
/// place, so concurrent runs see a whole entry or none; each ends with a checksum of the rest, and an
/// entry that fails it (or fails to load) is compiled again and replaced.
/// </summary>
internal sealed class CompiledCodeCache(string folder)
{
    private static readonly byte[] TrailerMagic = "HERONSUM"u8.ToArray();
    private const int TrailerLength = 8 + SHA256.HashSizeInBytes;

    public string Folder { get; } = folder;

    /// <summary>$XDG_CACHE_HOME/heron, else ~/.cache/heron.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "heron")
            : Path.Combine(UserFolders.Home, ".cache", "heron");

    /// <summary>
    /// The module <paramref name="wasm"/> (binary), from the cache or compiled into it;
    /// <paramref name="checkExports"/> sees its exports before anything is compiled.
    /// <paramref name="note"/> receives what the run should be told (an entry that could not be written).
    /// </summary>
    public Module Load(Engine engine, byte[] wasm, string? name, Action<IReadOnlyList<ExportType>> checkExports, Action<string> note)
    {
        var path = Path.Combine(Folder, Key(engine.Config, wasm) + ".cwasm");
        if (TryLoad(engine, path, name) is { } hit)
        {
            checkExports(hit.Exports);
            return hit;
        }
        var assembly = ModulePrecompiler.Compile(engine, wasm, checkExports);
        try
        {
            if (PrecompiledWriter.Write(assembly, path, Seal) is { } written) note(written);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            note($"the compiled-code cache {Folder} cannot be written ({failure.Message}); running without it");
            return Module.Deserialize(engine, assembly);
        }
        // Read back what was just written (or what a concurrent run wrote over it: the same code).
        return TryLoad(engine, path, name) ?? Module.Deserialize(engine, assembly);
    }

    /// <summary>The entry's file name: a hash of the module and of everything its code depends on.</summary>
    public static string Key(EngineConfig config, byte[] wasm)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SHA256.HashData(wasm));
        foreach (var (key, value) in PrecompiledManifest.Environment(config))
            hash.AppendData(Encoding.UTF8.GetBytes($"{key}={value}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A whole, loadable entry, or null (missing, cut short, corrupt or refused: to be compiled again).</summary>
    private static Module? TryLoad(Engine engine, string path, string? name)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!IsSealed(bytes)) return null;
        try
        {
            return Module.DeserializeFile(engine, path, name);
        }
        catch (Exception failure) when (failure is PrecompiledModuleException or BadImageFormatException or FileLoadException or IOException)
        {
            return null;
        }
    }

    /// <summary>Appends the trailer: a magic and the SHA-256 of everything before it (the loader ignores bytes after the image).</summary>
    private static byte[] Seal(byte[] artifact)
    {
        var sealedBytes = new byte[artifact.Length + TrailerLength];
        artifact.CopyTo(sealedBytes, 0);
        TrailerMagic.CopyTo(sealedBytes, artifact.Length);
        SHA256.HashData(artifact).CopyTo(sealedBytes, artifact.Length + TrailerMagic.Length);
        return sealedBytes;
    }

    private static bool IsSealed(byte[] bytes)
    {
        if (bytes.Length < TrailerLength) return false;
        var body = bytes.AsSpan(0, bytes.Length - TrailerLength);
        var trailer = bytes.AsSpan(bytes.Length - TrailerLength);
        return trailer[..TrailerMagic.Length].SequenceEqual(TrailerMagic) && trailer[TrailerMagic.Length..].SequenceEqual(SHA256.HashData(body));
    }
}
