namespace ProactiveMessaging.Hosting.Internal;

/// <summary>Where the hosted service is in its life.</summary>
internal enum LoadingPhase
{
    /// <summary>The host has not started it.</summary>
    NotStarted,

    /// <summary>Start-up loading runs: the workspace list, then each workspace's Live set.</summary>
    Loading,

    /// <summary>Start-up loading is over (each workspace loaded or failed); the engine follows the catalog.</summary>
    Running,

    /// <summary>The host stopped it; the engine no longer follows the catalog.</summary>
    Stopped,
}
