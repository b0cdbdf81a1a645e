using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Frequency;
using ProactiveMessaging.Testing.Storage;
using ProactiveMessaging.Testing.Tests.Storage;

namespace ProactiveMessaging.Testing.Tests.Frequency;

public sealed class FrequencyStoreDifferentialCheckTests
{
    [Fact]
    public async Task InMemoryStore_AgreesWithTheRules_OnThousandsOfHistories()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(2) });

        var report = await FrequencyStoreDifferentialCheck.RunAsync(
            store,
            new FrequencyCheckOptions { Sequences = 3_000, VisitorIdleTimeout = Duration.FromHours(2), Seed = 11 },
            TestContext.Current.CancellationToken);

        Assert.True(report.Agreed, report.ToString());
        Assert.Equal(3_000, report.Sequences);
        Assert.True(report.Operations > 50_000, $"{report.Operations} operations");
        report.ThrowIfDisagreed();
    }

    [Fact]
    public async Task InMemoryStore_WithTheDefaultIdleTimeout_AgreesWithTheRules()
    {
        var report = await FrequencyStoreDifferentialCheck.RunAsync(new InMemoryFrequencyStore(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report.Agreed, report.ToString());
    }

    [Fact]
    public async Task StoreThatNeverEndsAConversation_IsCaught_WithTheHistoryThatShowsIt()
    {
        var report = await FrequencyStoreDifferentialCheck.RunAsync(
            new IgnoresConversationEndStore(),
            new FrequencyCheckOptions { Seed = 5 },
            TestContext.Current.CancellationToken);

        var disagreement = Assert.IsType<FrequencyDisagreement>(report.Disagreement);
        Assert.False(report.Agreed);
        Assert.Contains(disagreement.History, line => line.Contains("outcome ConversationEnded", StringComparison.Ordinal));
        Assert.Equal(disagreement.History[^1], $"{disagreement.Operation} -> {disagreement.Expected}");
        Assert.Contains("ConversationOpen", disagreement.Actual, StringComparison.Ordinal);
        var error = Assert.Throws<StoreContractException>(report.ThrowIfDisagreed);
        Assert.Contains(disagreement.Operation, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameSeed_ReplaysTheSameDisagreement()
    {
        var first = await FrequencyStoreDifferentialCheck.RunAsync(new IgnoresConversationEndStore(), new FrequencyCheckOptions { Seed = 8 }, TestContext.Current.CancellationToken);
        var second = await FrequencyStoreDifferentialCheck.RunAsync(new IgnoresConversationEndStore(), new FrequencyCheckOptions { Seed = 8 }, TestContext.Current.CancellationToken);

        Assert.Equal(first.Disagreement!.History, second.Disagreement!.History);
        Assert.Equal(first.Sequences, second.Sequences);
    }

    [Fact]
    public async Task StoreWithNoMemory_IsCaughtOnItsFirstHistories()
    {
        var report = await FrequencyStoreDifferentialCheck.RunAsync(new AmnesiacFrequencyStore(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(report.Agreed);
        Assert.InRange(report.Sequences, 1, 10);
    }

    [Fact]
    public async Task Options_OutOfRange_AreRefused()
    {
        var store = new InMemoryFrequencyStore();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FrequencyStoreDifferentialCheck.RunAsync(store, new FrequencyCheckOptions { Sequences = 0 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FrequencyStoreDifferentialCheck.RunAsync(store, new FrequencyCheckOptions { MaxOperations = 0 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FrequencyStoreDifferentialCheck.RunAsync(store, new FrequencyCheckOptions { VisitorIdleTimeout = Duration.Zero }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>(() => FrequencyStoreDifferentialCheck.RunAsync(null!, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancellation_StopsTheRun()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FrequencyStoreDifferentialCheck.RunAsync(new InMemoryFrequencyStore(), null, cancelled.Token));
    }

    /// <summary>The in-memory store, except that it drops every ConversationEnded outcome: a subtle bug a contract case may miss.</summary>
    private sealed class IgnoresConversationEndStore : IFrequencyStore
    {
        private readonly InMemoryFrequencyStore _inner = new();

        public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken) =>
            _inner.TryReserveAsync(request, cancellationToken);

        public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken) =>
            _inner.PreviewAsync(request, cancellationToken);

        public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken) =>
            outcome == VisitorOutcome.ConversationEnded
                ? new ValueTask<bool>(true)
                : _inner.RecordOutcomeAsync(workspaceId, visitorId, visitId, messageId, outcome, now, cancellationToken);
    }
}
