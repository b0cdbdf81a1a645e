using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Counts each message's visitors: sent, opened and replied each count a visitor once per message,
/// however many times it happens.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and count exactly under any concurrency. Ids follow
/// <see cref="IdRule"/>: a store throws <see cref="ArgumentException"/> for one that does not.
/// The engine counts through <see cref="RecordAsync"/>; the catalog's message list reads the
/// counts with <see cref="GetManyAsync"/>.
/// </remarks>
public interface IMetricsStore
{
    /// <summary>Counts a visitor for a message and a measure, once.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="now">
    /// The caller's clock reading (the engine's, taken once per event). A store that forgets idle
    /// visitors measures idleness with it and never reads a clock of its own, so that every node
    /// and every test sees the same time.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="true"/> when this call counted the visitor; <see langword="false"/> when the
    /// visitor was already counted, or (for opened and replied) was never counted as sent.
    /// </returns>
    ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken);

    /// <summary>Reads a message's counts.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts; zero for a message never counted.</returns>
    ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken);

    /// <summary>Reads the counts of several messages of one workspace, as one round trip.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts in the order of <paramref name="messageIds"/>; zero for a message never counted.</returns>
    /// <remarks>
    /// The default implementation calls <see cref="GetAsync"/> once per message, one after the
    /// other; a store that talks to a server overrides it to read every message in one round trip
    /// (the catalog lists a workspace's messages with one call).
    /// </remarks>
    async ValueTask<ImmutableArray<MessageMetrics>> GetManyAsync(string workspaceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var counts = ImmutableArray.CreateBuilder<MessageMetrics>(messageIds.Count);
        foreach (var messageId in messageIds)
        {
            counts.Add(await GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false));
        }

        return counts.MoveToImmutable();
    }
}
