using ProactiveMessaging.Frequency;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Testing.Tests.Storage;

/// <summary>How the contracts run, fail, clean up and stop, whatever the store.</summary>
public sealed class StoreContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_WhenTheStoreBreaksTheRule_NamesTheCaseTheCheckTheExpectedAndTheActual()
    {
        const string Name = "Record_CountsEachVisitorOncePerMeasure";

        var failure = await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync(Name, static _ => new(new ForgetfulReadsMetricsStore()), Token));

        Assert.Equal(Name, failure.CaseName);
        Assert.Equal("the counts after two visitors", failure.Check);
        Assert.Equal(MessageMetricsText(2, 1, 1), failure.Expected);
        Assert.Equal(MessageMetricsText(0, 0, 0), failure.Actual);
        Assert.Equal($"Store contract case '{Name}' failed: the counts after two visitors. Expected: {failure.Expected}. Actual: {failure.Actual}.", failure.Message);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task RunAsync_WhenAFrequencyStoreForgetsWhatItSent_FailsTheOnceCase()
    {
        var failure = await Assert.ThrowsAsync<StoreContractException>(() => FrequencyStoreContract.RunAsync("Once_IsNeverReservedAgain_InLaterPageViewsOrVisits", static _ => new(new AmnesiacFrequencyStore()), Token));

        Assert.Equal("the Once message on the next page view", failure.Check);
        Assert.Equal((nameof(ReservationStatus.FrequencyCapped), nameof(ReservationStatus.Reserved)), (failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task RunAsync_WhenTheStoreThrows_ReportsItsExceptionAsTheCause()
    {
        var failure = await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync("Get_ForAMessageNeverCounted_IsZero", static _ => new(new ThrowingMetricsStore()), Token));

        Assert.Same(ThrowingMetricsStore.Failure, failure.InnerException);
        Assert.Equal(("no exception", "InvalidOperationException: The metrics server is down."), (failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task RunAsync_WhenTheFactoryFailsOrReturnsNull_SaysSo()
    {
        var threw = await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync("Get_ForAMessageNeverCounted_IsZero", static _ => throw new TimeoutException("No server."), Token));
        var gaveNull = await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync("Get_ForAMessageNeverCounted_IsZero", static _ => new((IMetricsStore)null!), Token));

        Assert.Equal(("creating a store with the factory", "TimeoutException: No server."), (threw.Check, threw.Actual));
        Assert.IsType<TimeoutException>(threw.InnerException);
        Assert.Equal(("creating a store with the factory", "null"), (gaveNull.Check, gaveNull.Actual));
    }

    [Fact]
    public async Task RunAsync_DisposesEveryStoreItCreated_Asynchronously_PassedOrFailed()
    {
        var log = new DisposalLog();
        StoreFactory<IMetricsStore> factory = _ =>
        {
            Interlocked.Increment(ref log.Created);
            return new(new DisposalTrackingMetricsStore(log));
        };

        await MetricsStoreContract.RunAllAsync(factory, Token);
        Assert.Equal((MetricsStoreContract.Cases.Length, MetricsStoreContract.Cases.Length, 0), (log.Created, log.AsyncDisposals, log.SyncDisposals));

        // A case that fails still disposes what it created.
        var failing = new DisposalLog();
        await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync("Get_ForAMessageNeverCounted_IsZero", _ => new(new FailingGetStore(failing)), Token));
        Assert.Equal(1, failing.AsyncDisposals);
    }

    [Fact]
    public async Task RunAsync_ACaseThatComparesTwoStores_DisposesBoth()
    {
        var log = new DisposalLog();

        await FrequencyStoreContract.RunAsync(
            "Preview_AgreesWithTheReservationMadeRightAfter_AndChangesNoLaterAnswer",
            _ =>
            {
                Interlocked.Increment(ref log.Created);
                return new(new DisposableFrequencyStore(log));
            },
            Token);

        Assert.Equal((2, 2), (log.Created, log.AsyncDisposals));
    }

    [Fact]
    public async Task RunAsync_WhenDisposalFails_FailsTheCase()
    {
        var failure = await Assert.ThrowsAsync<StoreContractException>(() => MetricsStoreContract.RunAsync("Get_ForAMessageNeverCounted_IsZero", static _ => new(new DisposalTrackingMetricsStore(new DisposalLog(), failDisposal: true)), Token));

        Assert.Equal("disposing a store the factory created", failure.Check);
        Assert.IsType<IOException>(failure.InnerException);
    }

    [Fact]
    public async Task RunAsync_WhenTheCallerCancels_ThrowsTheCancellation_NotAContractFailure()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MessageStoreContract.RunAsync("Insert_ThenGet_ReturnsTheMessage", static _ => new(new InMemoryMessageStore()), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MessageStoreContract.RunAllAsync(static _ => new(new InMemoryMessageStore()), cancelled.Token));
    }

    [Fact]
    public async Task RunAllAsync_RunsEveryCase_AndReportsEachFailureInCaseOrder()
    {
        var failures = await Assert.ThrowsAsync<AggregateException>(() => MetricsStoreContract.RunAllAsync(static _ => new(new ForgetfulReadsMetricsStore()), Token));

        var failed = failures.InnerExceptions.Cast<StoreContractException>().Select(static f => f.CaseName).ToArray();
        Assert.Equal(MetricsStoreContract.CaseNames.Where(failed.Contains), failed);
        Assert.Contains("Record_CountsEachVisitorOncePerMeasure", failed);
        Assert.DoesNotContain("Get_ForAMessageNeverCounted_IsZero", failed);
    }

    [Fact]
    public async Task RunAllAsync_AgainstTheInMemoryStores_Passes()
    {
        await MessageStoreContract.RunAllAsync(static _ => new(new InMemoryMessageStore()), Token);
        await FrequencyStoreContract.RunAllAsync(static _ => new(new InMemoryFrequencyStore()), Token);
        await MetricsStoreContract.RunAllAsync(static _ => new(new InMemoryMetricsStore()), Token);
        await ExperimentStoreContract.RunAllAsync(static _ => new(new InMemoryExperimentStore()), Token);
    }

    [Fact]
    public async Task RunAsync_WhenAnExperimentStoreCountsConversionsAfterTheWindow_FailsTheWindowCase()
    {
        var failure = await Assert.ThrowsAsync<StoreContractException>(() => ExperimentStoreContract.RunAsync("Record_Conversion_CountsUpToTheWindowsEndIncluded_AndNotAfter", static _ => new(new WindowlessExperimentStore()), Token));

        Assert.Equal("the answer of a conversion one tick after the window's end", failure.Check);
        Assert.Equal(("null", "\"red\""), (failure.Expected, failure.Actual));
    }

    [Fact]
    public void GetCase_WithAnUnknownName_ListsTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => MessageStoreContract.GetCase("Insert_Works"));

        Assert.Contains("'Insert_Works'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Insert_ThenGet_ReturnsTheMessage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_HaveUniqueNamesAndADescription_AndAreFoundByName()
    {
        AssertCases(MessageStoreContract.Cases, MessageStoreContract.CaseNames, MessageStoreContract.GetCase);
        AssertCases(FrequencyStoreContract.Cases, FrequencyStoreContract.CaseNames, FrequencyStoreContract.GetCase);
        AssertCases(MetricsStoreContract.Cases, MetricsStoreContract.CaseNames, MetricsStoreContract.GetCase);
        AssertCases(ExperimentStoreContract.Cases, ExperimentStoreContract.CaseNames, ExperimentStoreContract.GetCase);

        static void AssertCases<TStore>(IReadOnlyList<StoreContractCase<TStore>> cases, IReadOnlyList<string> names, Func<string, StoreContractCase<TStore>> find)
            where TStore : class
        {
            Assert.Equal(cases.Select(static c => c.Name), names);
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            Assert.All(cases, c => Assert.Same(c, find(c.Name)));
            Assert.All(cases, static c => Assert.Matches("^[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)+$", c.Name));
            Assert.All(cases, static c => Assert.EndsWith(".", c.Description, StringComparison.Ordinal));
            Assert.All(cases, static c => Assert.Equal(c.Name, c.ToString()));
        }
    }

    /// <summary>The text of a <c>MessageMetrics</c> as the contract prints it.</summary>
    private static string MessageMetricsText(long sent, long opened, long replied) => new Model.MessageMetrics(sent, opened, replied).ToString()!;

    /// <summary>A disposable metrics store whose reads always throw.</summary>
    private sealed class FailingGetStore(DisposalLog log) : IMetricsStore, IAsyncDisposable
    {
        public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, Model.MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) => new(true);

        public ValueTask<Model.MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => throw new InvalidOperationException("Down.");

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref log.AsyncDisposals);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>An in-memory frequency store that counts its asynchronous disposals.</summary>
    private sealed class DisposableFrequencyStore(DisposalLog log) : IFrequencyStore, IAsyncDisposable
    {
        private readonly InMemoryFrequencyStore _inner = new();

        public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken) => _inner.TryReserveAsync(request, cancellationToken);

        public ValueTask<System.Collections.Immutable.ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken) => _inner.PreviewAsync(request, cancellationToken);

        public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, NodaTime.Instant now, CancellationToken cancellationToken) =>
            _inner.RecordOutcomeAsync(workspaceId, visitorId, visitId, messageId, outcome, now, cancellationToken);

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref log.AsyncDisposals);
            return ValueTask.CompletedTask;
        }
    }
}
