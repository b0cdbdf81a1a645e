using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Counts the round trips to an inner frequency store and keeps what the last ones carried.</summary>
internal sealed class CountingFrequencyStore(IFrequencyStore inner) : IFrequencyStore
{
    private int _reservations;
    private int _previews;
    private int _outcomes;

    public CountingFrequencyStore()
        : this(new InMemoryFrequencyStore())
    {
    }

    public int Reservations => Volatile.Read(ref _reservations);

    public int Previews => Volatile.Read(ref _previews);

    public int Outcomes => Volatile.Read(ref _outcomes);

    public Instant LastReservationNow { get; private set; }

    public Instant LastOutcomeNow { get; private set; }

    public string[] LastCandidates { get; private set; } = [];

    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reservations);
        LastReservationNow = request.Now;
        var candidates = request.Candidates.Span;
        var ids = new string[candidates.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = candidates[i].MessageId;
        }

        LastCandidates = ids;
        return inner.TryReserveAsync(request, cancellationToken);
    }

    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _previews);
        return inner.PreviewAsync(request, cancellationToken);
    }

    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _outcomes);
        LastOutcomeNow = now;
        return inner.RecordOutcomeAsync(workspaceId, visitorId, visitId, messageId, outcome, now, cancellationToken);
    }
}

/// <summary>A frequency store that fails: by throwing on the call, or with a faulted task.</summary>
internal sealed class ThrowingFrequencyStore(bool faultedTask = false) : IFrequencyStore
{
    public int Calls;

    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var failure = new InvalidOperationException("The store is down.");
        return faultedTask ? ValueTask.FromException<ReservationResult>(failure) : throw failure;
    }

    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var failure = new InvalidOperationException("The store is down.");
        return faultedTask ? ValueTask.FromException<ImmutableArray<ReservationStatus>>(failure) : throw failure;
    }

    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var failure = new InvalidOperationException("The store is down.");
        return faultedTask ? ValueTask.FromException<bool>(failure) : throw failure;
    }
}

/// <summary>A frequency store whose calls never complete until released (and then go to an inner store).</summary>
/// <remarks>
/// With <c>ignoresCancellation</c>, a call goes on after its token is cancelled, as a command already
/// sent to a server does.
/// </remarks>
internal sealed class HangingFrequencyStore(IFrequencyStore inner, bool ignoresCancellation = false) : IFrequencyStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HangingFrequencyStore(bool ignoresCancellation = false)
        : this(new InMemoryFrequencyStore(), ignoresCancellation)
    {
    }

    private int _reservationsAnswered;
    private int _outcomesAnswered;

    public void Release() => _release.TrySetResult();

    /// <summary>Gets how many reservations the inner store answered (after the release).</summary>
    public int ReservationsAnswered => Volatile.Read(ref _reservationsAnswered);

    /// <summary>Gets how many outcomes the inner store answered (after the release).</summary>
    public int OutcomesAnswered => Volatile.Read(ref _outcomesAnswered);

    public async ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        // The engine's candidates are only valid during the call: read them before waiting would be
        // wrong for a real store too, so the inner store is asked after the release.
        await _release.Task.ConfigureAwait(false);
        var result = await inner.TryReserveAsync(request, ignoresCancellation ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _reservationsAnswered);
        return result;
    }

    public async ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        await _release.Task.ConfigureAwait(false);
        return await inner.PreviewAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        await _release.Task.ConfigureAwait(false);
        var applied = await inner.RecordOutcomeAsync(workspaceId, visitorId, visitId, messageId, outcome, now, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _outcomesAnswered);
        return applied;
    }
}

/// <summary>A frequency store that answers what the test says.</summary>
internal sealed class ScriptedFrequencyStore(ReservationResult answer) : IFrequencyStore
{
    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken) => new(answer);

    /// <summary>The scripted status for every candidate; a scripted reservation reserves its index and caps the others.</summary>
    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        var statuses = new ReservationStatus[request.Candidates.Length];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = answer.Status != ReservationStatus.Reserved ? answer.Status
                : i == answer.CandidateIndex ? ReservationStatus.Reserved
                : ReservationStatus.FrequencyCapped;
        }

        return new([.. statuses]);
    }

    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken) =>
        new(true);
}

/// <summary>A metrics store that throws, or hangs, on every count; reads answer zero.</summary>
internal sealed class FaultyMetricsStore(bool hang) : IMetricsStore
{
    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) =>
        hang ? new ValueTask<bool>(new TaskCompletionSource<bool>().Task) : throw new InvalidOperationException("The metrics store is down.");

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => new(MessageMetrics.Zero);
}
