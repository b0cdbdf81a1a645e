namespace ProactiveMessaging.Hosting.Internal;

/// <summary>How the last load or refresh of a workspace went.</summary>
internal enum WorkspaceState
{
    /// <summary>Known, not loaded yet.</summary>
    Pending,

    /// <summary>The last load or refresh succeeded: the engine has its Live set.</summary>
    Loaded,

    /// <summary>The last load or refresh failed; it is retried.</summary>
    Failed,

    /// <summary>The snapshot provider does not know the workspace.</summary>
    Unknown,
}
