namespace ProactiveMessaging.Lifecycle;

/// <summary>The columns of the message list that <see cref="MessageListQuery"/> can sort by.</summary>
public enum MessageSortColumn
{
    /// <summary>The name, compared with <see cref="MessageListQuery.Culture"/>'s rules, ignoring case.</summary>
    Name = 0,

    /// <summary>The status, in the order Draft, Live, Paused, Error.</summary>
    Status = 1,

    /// <summary>The channel id, ordinal; messages without a channel come first in ascending order.</summary>
    Channel = 2,

    /// <summary>The number of visitors the message was sent to.</summary>
    Sent = 3,

    /// <summary>The number of visitors who opened the message.</summary>
    Opened = 4,

    /// <summary>The number of visitors who replied.</summary>
    Replied = 5,

    /// <summary>The instant of the last update.</summary>
    UpdatedAt = 6,

    // Campaign window.

    /// <summary>
    /// The campaign window: messages without one first in ascending order, then by start (an open
    /// start first), then by end (an open end last). A date bound sorts at its midnight in UTC, as
    /// the list does not resolve each channel's schedule zone: a date and an instant within a day
    /// of each other may sort in the other order than their instants in the channel's zone.
    /// </summary>
    Window = 7,
}
