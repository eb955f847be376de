namespace Heron;

/// <summary>
/// A precompiled module (made by <see cref="Engine.PrecompileModule"/> or <c>heron compile</c>) that
/// cannot be used here: it was made by another Heron build, for another .NET runtime or processor, with
/// other features or engine settings that change the code; or the bytes are not a precompiled module
/// (given to <see cref="Module.Deserialize"/>), or are one given where a plain module was expected.
/// </summary>
public sealed class PrecompiledModuleException : WasmException
{
    /// <summary>Creates an error with a message.</summary>
    public PrecompiledModuleException(string message) : base(message) { }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    public PrecompiledModuleException(string message, Exception? inner) : base(message, inner) { }
}
