namespace Heron.Components.Canon;

/// <summary>How a component's core code stores strings (the <c>string-encoding</c> canonical option).</summary>
internal enum StringEncoding : byte
{
    Utf8,
    Utf16,
    /// <summary>Latin-1 when every character fits a byte, else UTF-16 with the length's top bit set.</summary>
    Latin1Utf16,
}
