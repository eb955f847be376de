using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Heron.Precompiled;

/// <summary>
/// Reads a precompiled module's manifest from its assembly file without loading the assembly: a file
/// that is not a precompiled module, or one made for another Heron or runtime, is refused before any of
/// its code can run. The manifest is the assembly's <c>[AssemblyMetadata("Heron.Precompiled", ...)]</c>.
/// </summary>
internal static class PrecompiledImage
{
    public const string ManifestKey = "Heron.Precompiled";

    /// <summary>True when <paramref name="bytes"/> start like a PE file (the "MZ" of every .NET assembly).</summary>
    public static bool LooksLikeAssembly(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == (byte)'M' && bytes[1] == (byte)'Z';

    /// <summary>The manifest text, or null when the stream holds no precompiled module.</summary>
    public static string? TryReadManifest(Stream stream)
    {
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly) return null;
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (AttributeTypeName(reader, attribute) != "System.Reflection.AssemblyMetadataAttribute") continue;
                var blob = reader.GetBlobReader(attribute.Value);
                if (blob.ReadUInt16() != 1) continue; // the custom attribute prolog
                if (blob.ReadSerializedString() == ManifestKey) return blob.ReadSerializedString();
            }
            return null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    public static string? TryReadManifest(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return TryReadManifest(stream);
    }

    private static string? AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type;
        if (attribute.Constructor.Kind == HandleKind.MemberReference) type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        else if (attribute.Constructor.Kind == HandleKind.MethodDefinition) type = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        else return null;
        return type.Kind switch
        {
            HandleKind.TypeReference => Name(reader, reader.GetTypeReference((TypeReferenceHandle)type)),
            HandleKind.TypeDefinition => reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace) + "." +
                reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => null,
        };
    }

    private static string Name(MetadataReader reader, TypeReference type) => reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);

    /// <summary>Whether the image carries ReadyToRun native code (crossgen2's output) besides its CIL.</summary>
    public static bool IsReadyToRun(Stream stream)
    {
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
