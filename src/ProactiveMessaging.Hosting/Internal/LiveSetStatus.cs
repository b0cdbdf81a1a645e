namespace ProactiveMessaging.Hosting.Internal;

/// <summary>How loading goes, as the health check reports it.</summary>
/// <param name="Phase">Where the hosted service is.</param>
/// <param name="Listed">Whether the workspace list was ever read.</param>
/// <param name="ListingFailure">Why the last read of the workspace list failed, or <see langword="null"/> when it succeeded.</param>
/// <param name="Loaded">The workspaces whose last load or refresh succeeded.</param>
/// <param name="Failed">The workspaces whose last load or refresh failed.</param>
/// <param name="Unknown">The workspaces the provider does not know.</param>
/// <param name="Pending">The workspaces not loaded yet.</param>
/// <param name="FailedIds">The ids of the failed workspaces, sorted (ordinal).</param>
/// <param name="LastRefresh">When the last start-up load or periodic refresh of every known workspace ended.</param>
internal readonly record struct LiveSetStatus(
    LoadingPhase Phase,
    bool Listed,
    string? ListingFailure,
    int Loaded,
    int Failed,
    int Unknown,
    int Pending,
    IReadOnlyList<string> FailedIds,
    DateTimeOffset? LastRefresh);
