namespace Heron.Model;

/// <summary>The names the <c>name</c> custom section gives to the module, its functions and their locals.</summary>
internal sealed class NameSection
{
    public string? ModuleName { get; set; }

    public Dictionary<int, string> FunctionNames { get; } = new();

    /// <summary>Function index to (local index to name).</summary>
    public Dictionary<int, Dictionary<int, string>> LocalNames { get; } = new();
}
