namespace ProactiveMessaging.Lifecycle;

/// <summary>What an administrator can do to a message; which ones a status allows is in <see cref="MessageActions"/>.</summary>
public enum MessageAction
{
    /// <summary>Replace the definition, keeping the id and the metrics.</summary>
    Edit = 0,

    /// <summary>Create a new Draft copy with a new id, a distinguishable name and zero metrics.</summary>
    Duplicate = 1,

    /// <summary>Draft to Live, once every publish requirement holds.</summary>
    Publish = 2,

    /// <summary>Live to Paused.</summary>
    Pause = 3,

    /// <summary>Paused to Live, once every publish requirement holds again.</summary>
    Resume = 4,

    /// <summary>Remove the message for good.</summary>
    Delete = 5,
}
