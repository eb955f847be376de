namespace Heron.Wasi;

/// <summary>A host directory the guest may use, under the name it sees it by.</summary>
/// <param name="HostPath">The host directory; the guest can reach nothing outside it.</param>
/// <param name="GuestPath">The name <c>fd_prestat_dir_name</c> reports, such as <c>/</c> or <c>/data</c>.</param>
/// <param name="ReadOnly">When true the guest gets no right that changes anything below the directory.</param>
public sealed record WasiPreopen(string HostPath, string GuestPath, bool ReadOnly);
