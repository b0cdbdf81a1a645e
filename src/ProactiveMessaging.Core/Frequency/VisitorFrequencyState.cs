using System.Buffers;
using NodaTime;
using ProactiveMessaging.Frequency.Internal;

namespace ProactiveMessaging.Frequency;

/// <summary>
/// What the frequency rules remember about one visitor of one workspace: the visit and page view
/// in progress, the message showing, whether the visitor's conversation is open, every message the
/// visitor was ever sent (with the visit and page view of its last send), the send counts and the
/// send instants the fatigue windows still count.
/// </summary>
/// <remarks>
/// <para>
/// Only <see cref="FrequencyRules"/> changes a state. A frequency store keeps one per visitor (or a
/// form it loads one from: the in-memory store's compact record, a shared store's bytes) and hands
/// it to the rules under its own atomicity (a lock, a transaction or a compare-and-set): the
/// state itself is not thread-safe.
/// </para>
/// <para>
/// A shared store persists <see cref="ToBytes"/> and reads it back with <see cref="FromBytes"/>: a
/// compact binary form, versioned by its first byte (<see cref="FormatVersion"/>) and canonical (the
/// same state always writes the same bytes), described in docs/storage.md.
/// </para>
/// </remarks>
public sealed class VisitorFrequencyState
{
    /// <summary>The version of the binary form that <see cref="ToBytes"/> writes, its first byte.</summary>
    public const byte FormatVersion = 1;

    private const int InitialSentCapacity = 4;

    /// <summary>Creates the state of a visitor the rules have never seen.</summary>
    public VisitorFrequencyState()
    {
    }

    /// <summary>Gets the number of distinct messages the visitor was ever sent.</summary>
    public int SentMessageCount => SentCount;

    /// <summary>Gets the latest instant of a reservation or outcome for the visitor, from which idleness is measured; <see langword="null"/> before the first.</summary>
    public Instant? LastActivity => LastActivityTicks == long.MinValue ? null : Instant.FromUnixTimeTicks(LastActivityTicks);

    /// <summary>
    /// Gets a value indicating whether the state holds nothing that outlives idleness: no message
    /// was ever sent to the visitor. A store may forget such a visitor once it is idle.
    /// </summary>
    public bool IsForgettableWhenIdle => SentCount == 0;

    // The members below are read and written by the rules and the binary form only. Visits and
    // page views are numbered rather than kept by id: a request whose visit id differs from the
    // current one starts a new visit (and a new page view), one whose page view id differs starts
    // a new page view, and a message's record says in which visit and page view it was last sent.
    internal string? VisitId { get; set; }

    internal string? PageViewId { get; set; }

    internal int Visit { get; set; }

    internal int PageView { get; set; }

    /// <summary>Gets or sets the index in <see cref="Sent"/> of the message showing, or -1.</summary>
    internal int Showing { get; set; } = -1;

    internal bool ConversationOpen { get; set; }

    internal int TotalSends { get; set; }

    internal int VisitSends { get; set; }

    internal long LastActivityTicks { get; set; } = long.MinValue;

    internal SentMessage[]? Sent { get; set; }

    internal int SentCount { get; set; }

    /// <summary>Gets or sets the send instants (Unix ticks) the fatigue windows may still count, oldest first.</summary>
    internal long[]? SendTicks { get; set; }

    internal int SendCount { get; set; }

    /// <summary>Reads a state written by <see cref="ToBytes"/> or <see cref="WriteTo"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The state.</returns>
    /// <exception cref="FrequencyStateFormatException">The bytes are not a state of a version this library reads; the exception gives the offset.</exception>
    public static VisitorFrequencyState FromBytes(ReadOnlySpan<byte> data) => FrequencyStateFormat.Read(data);

    /// <summary>Writes the binary form of this state.</summary>
    /// <returns>The bytes, starting with <see cref="FormatVersion"/>.</returns>
    public byte[] ToBytes()
    {
        var writer = new ArrayBufferWriter<byte>(FrequencyStateFormat.EstimateLength(this));
        FrequencyStateFormat.Write(this, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the binary form of this state to a buffer.</summary>
    /// <param name="writer">Receives the bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FrequencyStateFormat.Write(this, writer);
    }

    /// <summary>Creates a copy that shares nothing mutable with this state.</summary>
    /// <returns>The copy.</returns>
    public VisitorFrequencyState Clone()
    {
        var copy = (VisitorFrequencyState)MemberwiseClone();
        copy.Sent = (SentMessage[]?)Sent?.Clone();
        copy.SendTicks = (long[]?)SendTicks?.Clone();
        return copy;
    }

    /// <summary>The index in <see cref="Sent"/> of a message, or -1 when it was never sent.</summary>
    internal int IndexOfSent(string messageId)
    {
        var sent = Sent;
        for (var i = 0; i < SentCount; i++)
        {
            if (string.Equals(sent![i].MessageId, messageId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Records a send of a message in the current visit and page view; returns its index.</summary>
    internal int RecordSent(string messageId, int sentIndex)
    {
        if (sentIndex < 0)
        {
            var sent = Sent;
            if (sent is null || SentCount == sent.Length)
            {
                Array.Resize(ref sent, sent is null ? InitialSentCapacity : sent.Length * 2);
                Sent = sent;
            }

            sentIndex = SentCount++;
        }

        Sent![sentIndex] = new SentMessage(messageId, Visit, PageView);
        return sentIndex;
    }

    /// <summary>Adds a send instant to the fatigue windows' record, keeping at most <paramref name="keep"/> and none older than <paramref name="oldestKept"/>.</summary>
    internal void RecordSendInstant(long ticks, int keep, long oldestKept)
    {
        if (keep <= 0)
        {
            SendCount = 0;
            return;
        }

        var instants = SendTicks;
        var count = SendCount;
        var first = 0;
        while (first < count && instants![first] <= oldestKept)
        {
            first++;
        }

        first = Math.Max(first, count + 1 - keep);
        if (first > 0)
        {
            Array.Copy(instants!, first, instants!, 0, count - first);
            count -= first;
        }

        if (instants is null || instants.Length < count + 1)
        {
            Array.Resize(ref instants, Math.Max(keep, count + 1));
            SendTicks = instants;
        }

        // Clock readings may arrive out of order across nodes; keep the instants sorted.
        var at = count;
        while (at > 0 && instants[at - 1] > ticks)
        {
            instants[at] = instants[at - 1];
            at--;
        }

        instants[at] = ticks;
        SendCount = count + 1;
    }

    /// <summary>A message the visitor was sent: the visit and page view numbers of its last send.</summary>
    internal readonly record struct SentMessage(string MessageId, int Visit, int PageView);
}
