using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Internal;
using ProactiveMessaging.Testing.Storage.Internal;

namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// The contract every <see cref="IMetricsStore"/> passes: each visitor counted once per message
/// and measure, opened and replied only after sent, messages and workspaces kept apart, exact
/// counts under concurrency and reads that never show more opened than sent.
/// </summary>
/// <remarks>
/// <para>
/// Run each case as its own test in any framework (for xunit, a <c>[Theory]</c> over
/// <see cref="CaseNames"/> calling <see cref="RunAsync"/>), or every case at once with
/// <see cref="RunAllAsync"/>. Each case run uses workspace ids of its own, so a shared server needs
/// no cleaning. Every count is given its instant, as the engine gives it; the store must read no clock.
/// </para>
/// <para>Thread-safe: cases may run in parallel.</para>
/// </remarks>
public static class MetricsStoreContract
{
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 10, 9, 0);

    private static readonly ContractSuite<IMetricsStore> Suite = new(
        "metrics store contract",
        [
            Case("Get_ForAMessageNeverCounted_IsZero", "A message never counted reads zero.", GetForAMessageNeverCounted),
            Case("GetMany_ReturnsEachMessagesCountsInTheOrderAsked", "A batch read answers each message's counts in the order asked, zero for one never counted.", GetManyReturnsEachMessagesCounts),
            Case("Record_CountsEachVisitorOncePerMeasure", "Each visitor counts once per message and measure; the answer says whether this call counted.", RecordCountsEachVisitorOnce),
            Case("Record_OpenedOrReplied_CountsOnlyAVisitorCountedAsSent", "Opened and replied count only a visitor already counted as sent for that message.", RecordOpenedOrRepliedCountsOnlyAfterSent),
            Case("Record_KeepsMessagesAndWorkspacesApart", "Counts of one message or workspace never show in another.", RecordKeepsMessagesAndWorkspacesApart),
            Case("Concurrency_ManyThreadsFor10000Visitors_CountExactly", "Concurrent counts of the same visitors count each exactly once.", ConcurrencyCountsExactly),
            Case("Concurrency_ReadsNeverShowMoreOpenedThanSent", "A read during concurrent counting never shows more opened than sent.", ConcurrencyReadsNeverShowMoreOpenedThanSent),
        ]);

    /// <summary>Gets every case, in a stable order.</summary>
    public static ImmutableArray<StoreContractCase<IMetricsStore>> Cases => Suite.Cases;

    /// <summary>Gets the names of every case, in the order of <see cref="Cases"/>: the data of a parameterised test.</summary>
    public static ImmutableArray<string> CaseNames => Suite.Names;

    /// <summary>Finds a case by name (ordinal).</summary>
    /// <param name="caseName">The case's name.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name; the message lists the names.</exception>
    public static StoreContractCase<IMetricsStore> GetCase(string caseName) => Suite.Get(caseName);

    /// <summary>Runs one case against stores from <paramref name="factory"/>.</summary>
    /// <param name="caseName">The case's name, one of <see cref="CaseNames"/>.</param>
    /// <param name="factory">Creates each store the case uses; they are disposed when it ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="StoreContractException">The store broke the case's rule.</exception>
    public static Task RunAsync(string caseName, StoreFactory<IMetricsStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAsync(caseName, factory, cancellationToken);

    /// <summary>Runs every case, one after the other, even after a failure.</summary>
    /// <param name="factory">Creates each store the cases use; they are disposed when each case ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every case passed.</returns>
    /// <exception cref="AggregateException">One or more cases failed: one <see cref="StoreContractException"/> per failed case, in case order.</exception>
    public static Task RunAllAsync(StoreFactory<IMetricsStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAllAsync(factory, cancellationToken);

    private static StoreContractCase<IMetricsStore> Case(string name, string description, Func<ContractRun<IMetricsStore>, Task> body) =>
        new(name, description, body);

    private static async Task GetForAMessageNeverCounted(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();

        Expect.Equal(MessageMetrics.Zero, await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the counts of a message never counted");
    }

    private static async Task GetManyReturnsEachMessagesCounts(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();
        await store.RecordAsync(ws, "a", "v1", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(ws, "a", "v1", MessageMetric.Opened, Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(ws, "b", "v1", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(ws, "b", "v2", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);

        var counts = await store.GetManyAsync(ws, ["b", "never", "a"], run.Token).ConfigureAwait(false);

        Expect.Sequence([new MessageMetrics(2, 0, 0), MessageMetrics.Zero, new MessageMetrics(1, 1, 0)], counts, "the counts of [b, never, a]");
        Expect.Sequence([], await store.GetManyAsync(ws, [], run.Token).ConfigureAwait(false), "the counts of no message");
        Expect.Sequence([MessageMetrics.Zero], await store.GetManyAsync(ContractRun<IMetricsStore>.NewWorkspaceId(), ["a"], run.Token).ConfigureAwait(false), "the counts of a in another workspace");
    }

    private static async Task RecordCountsEachVisitorOnce(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();

        foreach (var metric in new[] { MessageMetric.Sent, MessageMetric.Opened, MessageMetric.Replied })
        {
            Expect.Equal(true, await store.RecordAsync(ws, "a", "visitor", metric, Now, run.Token).ConfigureAwait(false), $"the answer of the visitor's first {metric}");
            Expect.Equal(false, await store.RecordAsync(ws, "a", "visitor", metric, Now, run.Token).ConfigureAwait(false), $"the answer of the visitor's second {metric}");
        }

        Expect.Equal(true, await store.RecordAsync(ws, "a", "other", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false), "the answer of another visitor's first Sent");
        Expect.Equal(new MessageMetrics(2, 1, 1), await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the counts after two visitors");
    }

    private static async Task RecordOpenedOrRepliedCountsOnlyAfterSent(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();
        await store.RecordAsync(ws, "b", "visitor", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);

        Expect.Equal(false, await store.RecordAsync(ws, "a", "visitor", MessageMetric.Opened, Now, run.Token).ConfigureAwait(false), "the answer of Opened about a message the visitor was not counted as sent");
        Expect.Equal(false, await store.RecordAsync(ws, "a", "visitor", MessageMetric.Replied, Now, run.Token).ConfigureAwait(false), "the answer of Replied about a message the visitor was not counted as sent");

        Expect.Equal(MessageMetrics.Zero, await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the counts of that message");
    }

    private static async Task RecordKeepsMessagesAndWorkspacesApart(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();
        var other = ContractRun<IMetricsStore>.NewWorkspaceId();
        await store.RecordAsync(ws, "a", "visitor", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(other, "a", "visitor", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(other, "a", "visitor", MessageMetric.Opened, Now, run.Token).ConfigureAwait(false);

        Expect.Equal(new MessageMetrics(1, 0, 0), await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the counts of a in the first workspace");
        Expect.Equal(MessageMetrics.Zero, await store.GetAsync(ws, "b", run.Token).ConfigureAwait(false), "the counts of b, never counted, in the first workspace");
        Expect.Equal(new MessageMetrics(1, 1, 0), await store.GetAsync(other, "a", run.Token).ConfigureAwait(false), "the counts of a in the second workspace");
    }

    private static async Task ConcurrencyCountsExactly(ContractRun<IMetricsStore> run)
    {
        const int Visitors = 10_000;
        const int Threads = 8;
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();
        var visitors = Enumerable.Range(0, Visitors).Select(static i => $"visitor-{i}").ToArray();
        var counted = 0;

        // Every thread records every visitor's sent and opened (opened may race ahead of sent and
        // then not count), twice, so each pair is contended.
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
            async () =>
            {
                for (var round = 0; round < 2; round++)
                {
                    for (var i = 0; i < Visitors; i++)
                    {
                        var visitor = visitors[(i + (thread * 1_249)) % Visitors];
                        var first = (thread + round) % 2 == 0 ? MessageMetric.Opened : MessageMetric.Sent;
                        var second = first == MessageMetric.Sent ? MessageMetric.Opened : MessageMetric.Sent;
                        if (await store.RecordAsync(ws, "a", visitor, first, Now, run.Token).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref counted);
                        }

                        if (await store.RecordAsync(ws, "a", visitor, second, Now, run.Token).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref counted);
                        }
                    }
                }
            },
            run.Token))).ConfigureAwait(false);

        Expect.Equal(new MessageMetrics(Visitors, Visitors, 0), await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the counts after 8 threads counted 10,000 visitors' sent and opened twice");
        Expect.Equal(2 * Visitors, counted, "the number of calls that answered true");
    }

    private static async Task ConcurrencyReadsNeverShowMoreOpenedThanSent(ContractRun<IMetricsStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMetricsStore>.NewWorkspaceId();
        using var done = new CancellationTokenSource();
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    for (var i = 0; i < 20_000; i++)
                    {
                        await store.RecordAsync(ws, "a", $"visitor-{i}", MessageMetric.Sent, Now, run.Token).ConfigureAwait(false);
                        await store.RecordAsync(ws, "a", $"visitor-{i}", MessageMetric.Opened, Now, run.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // Also when the writer fails, so that the reader stops and the failure is seen.
                    await done.CancelAsync().ConfigureAwait(false);
                }
            },
            run.Token);

        while (!done.IsCancellationRequested)
        {
            var metrics = await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false);
            Expect.True(metrics.Opened <= metrics.Sent, "a read during counting", "opened at most sent", metrics.ToString());
        }

        await writer.ConfigureAwait(false);
    }
}
