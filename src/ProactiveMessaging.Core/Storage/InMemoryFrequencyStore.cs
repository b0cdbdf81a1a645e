using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Storage;

/// <summary>
/// The default <see cref="IFrequencyStore"/>: remembers visitors in this process's memory, within
/// a capacity and a time to live. Serves one node; hosts on many nodes plug in a shared store.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. The visitors are spread over a few locks per core by their key's hash; a
/// reservation holds its visitor's lock, so it is atomic for that visitor while most other
/// visitors proceed in parallel.
/// </para>
/// <para>
/// Every call completes synchronously. A refused reservation for a visitor already remembered
/// allocates nothing. A successful one allocates only when the visitor's records grow: the
/// table's room for new visitors (kept in arrays of 56-byte records, no object per visitor), a
/// second message sent to the visitor, an array doubling when it is sent a message never sent
/// before beyond the room already there, or the send instants of the fatigue windows.
/// </para>
/// <para>
/// A visitor idle longer than <see cref="InMemoryFrequencyStoreOptions.VisitorTimeToLive"/> starts
/// a new visit and loses its showing message, open conversation and fatigue-window sends, but keeps
/// the messages it was ever sent: a <c>Once</c> message is not sent to it again, however long it
/// was idle. Only <see cref="InMemoryFrequencyStoreOptions.MaxVisitors"/> forgets a visitor
/// entirely (the least recently active first, once the capacity is exceeded); a visitor never sent
/// anything is also dropped once idle. Time is only ever read from the requests.
/// </para>
/// </remarks>
public sealed class InMemoryFrequencyStore : IFrequencyStore
{
    private readonly BoundedEntryTable<VisitorKey, VisitorState> _visitors;
    private readonly FrequencyRules _rules;

    /// <summary>Creates a store with the default bounds.</summary>
    public InMemoryFrequencyStore()
        : this(new InMemoryFrequencyStoreOptions())
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">The bounds; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive.</exception>
    public InMemoryFrequencyStore(InMemoryFrequencyStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxVisitors, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.VisitorTimeToLive, TimeSpan.Zero, nameof(options));
        _visitors = new BoundedEntryTable<VisitorKey, VisitorState>(options.MaxVisitors, options.VisitorTimeToLive);
        _rules = new FrequencyRules(Duration.FromTimeSpan(options.VisitorTimeToLive));
    }

    /// <summary>Gets the number of visitors remembered now.</summary>
    public int VisitorCount => _visitors.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>, or the policy is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has no candidate.</exception>
    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        var nowTicks = request.Now.ToUnixTimeTicks();
        var key = new VisitorKey(request.WorkspaceId, request.VisitorId);
        var shard = _visitors.ShardOf(key, out var hash);
        bool added;
        ReservationResult result;
        lock (shard.Lock)
        {
            ref var visitor = ref GetOrAdd(shard, key, hash, out added);
            visitor.Use(_visitors.NextUse());
            var scratch = VisitorState.ThreadScratch;
            result = _rules.Reserve(visitor.LoadInto(scratch), request);
            visitor.SaveFrom(scratch);
        }

        if (added)
        {
            _visitors.OnAdded(nowTicks);
        }

        return new ValueTask<ReservationResult>(result);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the visitor under its lock and writes nothing: not even the use that keeps a visitor
    /// from expiring or being evicted. Allocates only the answer.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An id or the policy is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has no candidate.</exception>
    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        var statuses = new ReservationStatus[request.Candidates.Length];
        var key = new VisitorKey(request.WorkspaceId, request.VisitorId);
        var shard = _visitors.ShardOf(key, out var hash);
        lock (shard.Lock)
        {
            ref var visitor = ref shard.Find(key, hash);
            if (!Unsafe.IsNullRef(ref visitor))
            {
                _rules.Preview(visitor.LoadInto(VisitorState.ThreadScratch), request, statuses);
                return new ValueTask<ImmutableArray<ReservationStatus>>(ImmutableCollectionsMarshal.AsImmutableArray(statuses));
            }
        }

        // A visitor not remembered: the same rules on a state of its own that never joins the table.
        _rules.Preview(new VisitorFrequencyState(), request, statuses);
        return new ValueTask<ImmutableArray<ReservationStatus>>(ImmutableCollectionsMarshal.AsImmutableArray(statuses));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a defined value.</exception>
    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalidVisitorId(visitorId);

        // Empty when the engine knows no visit of the visitor yet.
        ArgumentNullException.ThrowIfNull(visitId);
        if (messageId is not null)
        {
            IdRule.ThrowIfInvalid(messageId);
        }

        if (outcome is < VisitorOutcome.Opened or > VisitorOutcome.ConversationEnded)
        {
            // Checked before any lookup, so that a bad outcome is refused for unknown visitors too.
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome is not a defined value.");
        }

        cancellationToken.ThrowIfCancellationRequested();

        var nowTicks = now.ToUnixTimeTicks();
        var key = new VisitorKey(workspaceId, visitorId);
        var shard = _visitors.ShardOf(key, out var hash);
        var added = false;
        bool applied;
        lock (shard.Lock)
        {
            ref var visitor = ref shard.Find(key, hash);
            if (Unsafe.IsNullRef(ref visitor))
            {
                if (outcome != VisitorOutcome.ConversationStarted)
                {
                    // Nothing to end or clear for a visitor not remembered, and no message was sent to it.
                    return new ValueTask<bool>(!FrequencyRules.IsAboutAMessage(messageId, outcome));
                }

                // An open conversation must be remembered even for a visitor never sent a message.
                visitor = ref GetOrAdd(shard, key, hash, out added);
            }

            visitor.Use(_visitors.NextUse());
            var scratch = VisitorState.ThreadScratch;
            applied = _rules.RecordOutcome(visitor.LoadInto(scratch), visitId, messageId, outcome, now);
            visitor.SaveFrom(scratch);
        }

        if (added)
        {
            _visitors.OnAdded(nowTicks);
        }

        return new ValueTask<bool>(applied);
    }

    private static void Validate(in ReservationRequest request)
    {
        IdRule.ThrowIfInvalid(request.WorkspaceId, nameof(request));
        IdRule.ThrowIfInvalidVisitorId(request.VisitorId, nameof(request));
        IdRule.ThrowIfInvalidVisitorId(request.VisitId, nameof(request));
        IdRule.ThrowIfInvalidVisitorId(request.PageViewId, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Policy, nameof(request));
        if (request.Candidates.IsEmpty)
        {
            throw new ArgumentException("A reservation request needs at least one candidate.", nameof(request));
        }
    }

    /// <summary>Finds a visitor, or adds a new one; under the shard's lock.</summary>
    private ref VisitorState GetOrAdd(BoundedEntryTable<VisitorKey, VisitorState>.Shard shard, in VisitorKey key, int hash, out bool added)
    {
        ref var visitor = ref _visitors.GetOrAdd(shard, key, hash, out added);
        if (added)
        {
            visitor.Initialize(_visitors.NextUse());
        }

        return ref visitor;
    }
}
