namespace ProactiveMessaging.Model;

/// <summary>How often one visitor may be sent the same message.</summary>
public enum MessageFrequency
{
    /// <summary>At most once per visitor, ever.</summary>
    Once = 0,

    /// <summary>At most once per visit.</summary>
    OncePerVisit = 1,

    /// <summary>Each time the visitor newly meets the conditions, at most once per page view.</summary>
    EveryTime = 2,
}
