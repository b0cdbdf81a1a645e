using SentMessage = ProactiveMessaging.Frequency.VisitorFrequencyState.SentMessage;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// What a <see cref="VisitorState"/> keeps beyond its common case: the messages sent after the
/// first, the message showing when it is not the first, and the send instants the fatigue windows
/// count. Made only for a visitor that needs it; its arrays grow by doubling and are reused, so
/// saving a state allocates only when the visitor's records grow. Used under the shard's lock.
/// </summary>
internal sealed class VisitorStateMore
{
    /// <summary>Gets or sets the messages sent after the first, numbered <see cref="VisitorState.Current"/> or <see cref="VisitorState.Earlier"/>.</summary>
    internal SentMessage[]? Sent { get; set; }

    internal int SentCount { get; set; }

    /// <summary>Gets or sets the index of the message showing, when it is not the first.</summary>
    internal int Showing { get; set; }

    internal long[]? SendTicks { get; set; }

    internal int SendCount { get; set; }

    /// <summary>Saves the records after the first of <paramref name="sent"/>, renumbered relative to the current visit and page view.</summary>
    internal void SaveSent(SentMessage[]? sent, int sentCount, int visit, int pageView)
    {
        var count = Math.Max(0, sentCount - 1);
        var mine = Sent;
        if (count > 0 && (mine is null || mine.Length < count))
        {
            Array.Resize(ref mine, Math.Max(4, mine is null ? count : Math.Max(count, mine.Length * 2)));
            Sent = mine;
        }

        for (var i = 0; i < count; i++)
        {
            var record = sent![i + 1];
            mine![i] = new SentMessage(
                record.MessageId,
                record.Visit == visit ? VisitorState.Current : VisitorState.Earlier,
                record.PageView == pageView ? VisitorState.Current : VisitorState.Earlier);
        }

        SentCount = count;
    }

    /// <summary>Saves the send instants; <see langword="null"/> (a visit ended) releases the array.</summary>
    internal void SaveSendTicks(long[]? ticks, int count)
    {
        if (ticks is null)
        {
            SendTicks = null;
            SendCount = 0;
            return;
        }

        var mine = SendTicks;
        if (count > 0 && (mine is null || mine.Length < count))
        {
            mine = new long[Math.Max(count, (mine?.Length ?? 2) * 2)];
            SendTicks = mine;
        }

        if (count > 0)
        {
            Array.Copy(ticks, mine!, count);
        }

        SendCount = count;
    }
}
