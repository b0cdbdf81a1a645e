namespace ProactiveMessaging.Lifecycle;

/// <summary>Why a catalog action was refused; <see cref="None"/> when it succeeded.</summary>
public enum MessageActionRefusal
{
    /// <summary>The action succeeded.</summary>
    None = 0,

    /// <summary>The workspace has no message with the id.</summary>
    NotFound = 1,

    /// <summary>The message changed since the caller read it: the expected version is stale.</summary>
    VersionConflict = 2,

    /// <summary>The message's status does not allow the action (see <see cref="MessageActions"/>).</summary>
    NotAllowed = 3,

    /// <summary>
    /// The content or the workspace does not allow it: a malformed definition, an edit that would
    /// break a Live or Paused message, or unmet publish requirements. The problems are listed.
    /// </summary>
    Problems = 4,
}
