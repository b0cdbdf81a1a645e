namespace ProactiveMessaging.Experiments;

/// <summary>What an <see cref="Storage.IExperimentStore"/> counts for a visitor in its arm after the exposure.</summary>
public enum ArmMetric
{
    /// <summary>The visitor opened the message.</summary>
    Opened = 1,

    /// <summary>The visitor replied.</summary>
    Replied = 2,

    /// <summary>The visitor reached the message's conversion goal within its window.</summary>
    Converted = 3,
}
