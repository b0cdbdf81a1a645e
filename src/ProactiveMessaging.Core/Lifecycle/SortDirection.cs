namespace ProactiveMessaging.Lifecycle;

/// <summary>The direction of a sort.</summary>
public enum SortDirection
{
    /// <summary>Smallest first.</summary>
    Ascending = 0,

    /// <summary>Largest first.</summary>
    Descending = 1,
}
