using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Diagnostics.Internal;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Every call the engine makes to its stores, under one policy: each call gets the store deadline,
/// a store that throws, passes the deadline or answers something the engine does not understand is
/// reported to <see cref="StoreFailureLog"/> and counts as unavailable (fail closed), and only a
/// cancellation requested by the caller's own token is thrown.
/// </summary>
/// <remarks>
/// Thread-safe. A call that completes synchronously (the in-memory stores) neither waits nor
/// allocates; only a pending call is put under the deadline.
/// </remarks>
internal sealed class EngineStores(
    IFrequencyStore frequency,
    IMetricsStore metrics,
    IExperimentStore experiments,
    TimeSpan timeout,
    TimeProvider timeProvider,
    StoreFailureLog failures,
    EngineMetrics telemetry)
{
    /// <summary>Reserves the first candidate the frequency rules allow; <see langword="null"/> when the store failed (already reported).</summary>
    /// <remarks>
    /// A call that has not completed synchronously and fails may still be reading the request's
    /// candidates: the caller must not reuse their buffer then.
    /// </remarks>
    public ValueTask<ReservationResult?> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        ValueTask<ReservationResult> pending;
        try
        {
            pending = frequency.TryReserveAsync(request, cancellationToken);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            failures.Report(StoreFailureLog.Frequency, timeout: false, exception);
            return new ValueTask<ReservationResult?>(result: null);
        }

        return pending.IsCompletedSuccessfully
            ? new ValueTask<ReservationResult?>(Understood(pending.Result, request.Candidates.Span))
            : ReserveSlowAsync(pending, request, cancellationToken);
    }

    /// <summary>What the frequency store would answer for each candidate, read-only; a default array and why when the store failed. Nothing is reported: explaining is not deciding.</summary>
    public async ValueTask<(ImmutableArray<ReservationStatus> Statuses, string? Failure)> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        ImmutableArray<ReservationStatus> statuses;
        try
        {
            var pending = frequency.PreviewAsync(request, cancellationToken);
            statuses = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, string.Create(CultureInfo.InvariantCulture, $"no answer within the store deadline of {timeout.TotalMilliseconds} ms"));
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            return (default, $"{exception.GetType().Name}: {exception.Message}");
        }

        return statuses.IsDefault || statuses.Length != request.Candidates.Length
            ? (default, $"the store answered {(statuses.IsDefault ? 0 : statuses.Length)} statuses for {request.Candidates.Length} messages")
            : (statuses, null);
    }

    /// <summary>Records a visitor's outcome in the frequency store: whether it applied, or <see langword="null"/> when the store failed (already reported).</summary>
    public async ValueTask<bool?> RecordOutcomeAsync(OutcomeEvent outcomeEvent, string visitId, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            var pending = frequency.RecordOutcomeAsync(outcomeEvent.WorkspaceId, outcomeEvent.VisitorId, visitId, outcomeEvent.MessageId, outcomeEvent.Outcome, now, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            failures.Report(StoreFailureLog.Frequency, exception is TimeoutException, exception);
            return null;
        }
    }

    /// <summary>Counts a visitor for a message's metric at the event's instant; <see langword="false"/> when the store failed (already reported).</summary>
    public async ValueTask<bool> CountAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            var pending = metrics.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);
            var counted = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
            if (counted)
            {
                telemetry.Counted(metric);
            }

            return true;
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            failures.Report(StoreFailureLog.Metrics, exception is TimeoutException, exception);
            return false;
        }
    }

    /// <summary>Records a visitor's exposure to a message in an arm; <see langword="false"/> when the store failed (already reported).</summary>
    public async ValueTask<bool> ExposeAsync(string workspaceId, string messageId, string arm, string visitorId, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            var pending = experiments.RecordExposureAsync(workspaceId, messageId, arm, visitorId, now, cancellationToken);
            var counted = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
            if (counted)
            {
                telemetry.Exposed(arm);
            }

            return true;
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            failures.Report(StoreFailureLog.Experiments, exception is TimeoutException, exception);
            return false;
        }
    }

    /// <summary>Counts what a visitor did in the arm of its latest exposure; <see langword="false"/> when the store failed (already reported).</summary>
    public async ValueTask<bool> CountInArmAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken)
    {
        try
        {
            var pending = experiments.RecordAsync(workspaceId, messageId, visitorId, metric, now, window, cancellationToken);
            var arm = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
            if (arm is not null && metric == ArmMetric.Converted)
            {
                telemetry.Converted(arm);
            }

            return true;
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            failures.Report(StoreFailureLog.Experiments, exception is TimeoutException, exception);
            return false;
        }
    }

    /// <summary>Reads a message's counts; the metrics store's own answer, exceptions included (a read for a dashboard, not a decision).</summary>
    public ValueTask<MessageMetrics> GetMetricsAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
        metrics.GetAsync(workspaceId, messageId, cancellationToken);

    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private async ValueTask<ReservationResult?> ReserveSlowAsync(ValueTask<ReservationResult> pending, ReservationRequest request, CancellationToken cancellationToken)
    {
        var reserving = pending.AsTask();
        try
        {
            return Understood(await reserving.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false), request.Candidates.Span);
        }
        catch (Exception exception) when (IsCallerCancellation(exception, cancellationToken))
        {
            ReleaseIfStillPending(reserving, request);
            throw;
        }
        catch (Exception exception)
        {
            ReleaseIfStillPending(reserving, request);
            failures.Report(StoreFailureLog.Frequency, exception is TimeoutException, exception);
            return null;
        }
    }

    /// <summary>When the engine stopped waiting (its deadline, or the caller's cancellation) before the store answered, releases what the store may still reserve.</summary>
    private void ReleaseIfStillPending(Task<ReservationResult> reserving, ReservationRequest request)
    {
        if (!reserving.IsCompleted)
        {
            _ = ReleaseLateReservationAsync(reserving, request);
        }
    }

    /// <summary>
    /// Undoes the "showing" of a reservation that the store made after the engine stopped waiting
    /// for it: the decision said "store unavailable", so the visitor never saw the message, and the
    /// host will never report it dismissed. Left alone, it would block every other message for the
    /// rest of the visit.
    /// </summary>
    /// <remarks>
    /// Recorded as <see cref="VisitorOutcome.Dismissed"/> about that message in the request's visit:
    /// it ends the showing only while that message is still the one showing in that visit, and
    /// changes nothing else the rules read. The send stays recorded (a <c>Once</c> message is not
    /// offered again: the visitor misses it rather than risk seeing it twice), and nothing is
    /// counted in the metrics. A call that fails, or never answers, cannot be released: the engine
    /// does not learn whether it reserved anything. The candidates are still readable: a request
    /// whose call failed after going asynchronous keeps its buffer (see <see cref="ReserveAsync"/>).
    /// </remarks>
    private async Task ReleaseLateReservationAsync(Task<ReservationResult> late, ReservationRequest request)
    {
        ReservationResult result;
        try
        {
            result = await late.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A late failure was already reported as the time-out; there is nothing to release.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        if (result.Status != ReservationStatus.Reserved || (uint)result.CandidateIndex >= (uint)request.Candidates.Length)
        {
            return;
        }

        var messageId = request.Candidates.Span[result.CandidateIndex].MessageId;
        try
        {
            var releasing = frequency.RecordOutcomeAsync(request.WorkspaceId, request.VisitorId, request.VisitId, messageId, VisitorOutcome.Dismissed, request.Now, CancellationToken.None);
            if (!releasing.IsCompletedSuccessfully)
            {
                await WithDeadline(releasing, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Reported like any failed store call; the visit stays blocked until it ends, as documented.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failures.Report(StoreFailureLog.Frequency, exception is TimeoutException, exception);
        }
    }

    /// <summary>
    /// The store's answer when the engine understands it: a known status, a reservation of a
    /// candidate that was offered, and a hold-out of a candidate offered as held out.
    /// </summary>
    private ReservationResult? Understood(ReservationResult result, ReadOnlySpan<FrequencyCandidate> offered)
    {
        switch (result.Status)
        {
            case ReservationStatus.HeldOut when (uint)result.CandidateIndex < (uint)offered.Length && offered[result.CandidateIndex].HeldOut:
            case ReservationStatus.Reserved when (uint)result.CandidateIndex < (uint)offered.Length && !offered[result.CandidateIndex].HeldOut:
            case ReservationStatus.FrequencyCapped:
            case ReservationStatus.FatigueCapped:
            case ReservationStatus.AnotherMessageShowing:
            case ReservationStatus.ConversationOpen:
                return result;
            case ReservationStatus.Reserved:
                failures.Report(StoreFailureLog.Frequency, timeout: false, new InvalidOperationException("The frequency store reserved a candidate that was not offered, or one offered as held out."));
                return null;
            case ReservationStatus.HeldOut:
                failures.Report(StoreFailureLog.Frequency, timeout: false, new InvalidOperationException("The frequency store held out a candidate that was not offered as held out."));
                return null;
            default:
                failures.Report(StoreFailureLog.Frequency, timeout: false, new InvalidOperationException($"The frequency store answered an unknown status {result.Status}."));
                return null;
        }
    }

    private async Task<T> WithDeadline<T>(ValueTask<T> pending, CancellationToken cancellationToken) =>
        await pending.AsTask().WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
}
