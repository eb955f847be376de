namespace Heron.Components;

/// <summary>
/// Parts of the component model that are gated behind a flag (the 🔧 and 🗺️ features of Explainer.md) and
/// that a component may use only when they are on. <see cref="Default"/> is everything Heron implements.
/// </summary>
[Flags]
public enum ComponentFeatures
{
    None = 0,

    /// <summary>The <c>implements</c> attribute on instance import and export names (<c>[implements=&lt;a:b/c&gt;]x</c>).</summary>
    Implements = 1 << 0,

    /// <summary>map&lt;K, V&gt; types (🗺️), which cross as lists of key-value tuples.</summary>
    Maps = 1 << 1,

    /// <summary>Everything Heron implements.</summary>
    Default = Implements | Maps,
}
