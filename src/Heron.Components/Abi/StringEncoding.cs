namespace Heron.Components;

/// <summary>How a component's core code stores strings in its memory (the <c>string-encoding</c> canonical option).</summary>
public enum StringEncoding : byte
{
    /// <summary>UTF-8; a string's length counts bytes.</summary>
    Utf8,

    /// <summary>UTF-16 (little-endian); a string's length counts 16-bit code units.</summary>
    Utf16,

    /// <summary>
    /// Latin-1 when every character fits a byte (the length counts bytes), else UTF-16 with the top bit of
    /// the length set (the rest counts code units).
    /// </summary>
    Latin1Utf16,
}
