using System.Collections.Generic;
using System.Linq;
using Heron.Bindgen.Model;

namespace Heron.Bindgen.Resolution;

/// <summary>What resolving a set of .wit files gave: the packages, and every diagnostic found on the way.</summary>
internal sealed class WitResolution(List<PackageModel> packages, List<WitDiagnostic> diagnostics)
{
    public List<PackageModel> Packages { get; } = packages;
    public List<WitDiagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>
    /// The world a [WitWorld] attribute names: empty for the only world there is, a bare name for the world of
    /// that name in any package, or <c>ns:pkg/name</c> (with an optional <c>@version</c>) for one exactly.
    /// </summary>
    public WorldModel? FindWorld(string spec, out string? error)
    {
        error = null;
        var all = Packages.SelectMany(p => p.Worlds.Values).ToList();
        if (spec.Length == 0)
        {
            if (all.Count == 1) return all[0];
            error = all.Count == 0
                ? "no WIT world was found: add the .wit files as AdditionalFiles in the project (<AdditionalFiles Include=\"wit/**/*.wit\" />)"
                : $"there are {all.Count} worlds ({string.Join(", ", all.Select(w => w.QualifiedName))}); name one in [WitWorld(\"...\")]";
            return null;
        }
        List<WorldModel> matches;
        var slash = spec.IndexOf('/');
        if (slash < 0)
        {
            matches = all.Where(w => w.Name == spec).ToList();
        }
        else
        {
            var packagePart = spec.Substring(0, slash);
            var namePart = spec.Substring(slash + 1);
            string? version = null;
            var at = namePart.IndexOf('@');
            if (at >= 0)
            {
                version = namePart.Substring(at + 1);
                namePart = namePart.Substring(0, at);
            }
            matches = all.Where(w => w.Name == namePart && $"{w.Package.Namespace}:{w.Package.Name}" == packagePart
                && (version is null || w.Package.Version == version)).ToList();
        }
        if (matches.Count == 1) return matches[0];
        error = matches.Count == 0
            ? $"no WIT world '{spec}' was found{(all.Count == 0 ? " (no .wit files are AdditionalFiles of the project)" : $"; the worlds are {string.Join(", ", all.Select(w => w.QualifiedName))}")}"
            : $"the name '{spec}' matches several worlds ({string.Join(", ", matches.Select(w => w.QualifiedName))}); use the full name";
        return null;
    }
}
