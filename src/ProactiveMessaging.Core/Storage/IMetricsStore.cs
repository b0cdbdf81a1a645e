using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Counts each message's visitors: sent, opened and replied each count a visitor once per message,
/// however many times it happens.
/// </summary>
/// <remarks>Implementations must be thread-safe and count exactly under any concurrency.</remarks>
public interface IMetricsStore
{
    /// <summary>Counts a visitor for a message and a measure, once.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="metric">The measure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="true"/> when this call counted the visitor; <see langword="false"/> when the
    /// visitor was already counted, or (for opened and replied) was never counted as sent.
    /// </returns>
    ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, CancellationToken cancellationToken);

    /// <summary>Reads a message's counts.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts; zero for a message never counted.</returns>
    ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken);
}
