using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Internal;
using ProactiveMessaging.Testing.Storage.Internal;

namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// The contract every <see cref="IExperimentStore"/> passes: each visitor counted once per arm and
/// measure, measures only after an exposure and in its arm, never opened or replied for the control,
/// conversions within the goal's window after the latest exposure (its end included), a changed arm
/// counted in the new arm, reads in arm order, typed refusals of bad input, and exact counts under
/// concurrency.
/// </summary>
/// <remarks>
/// <para>
/// Run each case as its own test in any framework (for xunit, a <c>[Theory]</c> over
/// <see cref="CaseNames"/> calling <see cref="RunAsync"/>), or every case at once with
/// <see cref="RunAllAsync"/>. Each case run uses workspace ids of its own, so a shared server needs
/// no cleaning. Every call is given its instant, as the engine gives it; the store must read no clock.
/// </para>
/// <para>Thread-safe: cases may run in parallel.</para>
/// </remarks>
public static class ExperimentStoreContract
{
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 10, 9, 0);
    private static readonly Duration Week = Duration.FromDays(7);

    private static readonly ContractSuite<IExperimentStore> Suite = new(
        "experiment store contract",
        [
            Case("Get_ForAMessageNeverCounted_IsEmpty", "A message never counted reads no arm.", GetForAMessageNeverCounted),
            Case("Get_ListsEachCountedArmInOrdinalOrder_WithItsZeros", "A read lists each arm that counted a visitor, ordered by arm id (ordinal), with the measures it did not count as zeros.", GetListsArmsInOrder),
            Case("RecordExposure_CountsEachVisitorOncePerArm", "An exposure counts the visitor in its arm once, however often it is repeated; the answer says whether this call counted.", RecordExposureCountsOncePerArm),
            Case("Record_BeforeAnyExposure_CountsNothing", "Opened, replied and converted count nothing for a visitor never exposed to the message.", RecordBeforeAnyExposureCountsNothing),
            Case("Record_CountsEachMeasureOncePerArm_AndAnswersTheArm", "Opened, replied and converted count once per visitor and arm, and the answer is the arm counted in, or null.", RecordCountsOncePerArm),
            Case("Record_OpenedOrRepliedForTheControl_CountsNothing_ButAConversionCounts", "A visitor held out (the control) never counts as opened or replied, but its conversion counts.", RecordForTheControl),
            Case("Record_Conversion_CountsUpToTheWindowsEndIncluded_AndNotAfter", "A conversion counts when it happens at most the goal's window after the latest exposure, the end included, and not one tick later.", RecordConversionWithinTheWindow),
            Case("RecordExposure_Again_MovesTheWindowToTheLatestExposure", "A repeated exposure counts the visitor no more but starts the conversion window again from its instant.", RecordExposureAgainMovesTheWindow),
            Case("RecordExposure_InAnotherArm_CountsTheVisitorAndWhatItDoesThereInTheNewArm", "A visitor whose arm changed is counted in the new arm, what it does afterwards counts there, and back in its first arm it is not counted again.", RecordExposureInAnotherArm),
            Case("Record_KeepsMessagesAndWorkspacesApart", "Counts of one message or workspace never show in another.", RecordKeepsMessagesAndWorkspacesApart),
            Case("Calls_WithAnInvalidIdMetricOrWindow_Throw", "An id that breaks the id rule throws ArgumentException; an undefined metric or a conversion's window that is not positive throws ArgumentOutOfRangeException.", CallsWithInvalidInputThrow),
            Case("Concurrency_ManyThreadsExposeAndCount10000Visitors_CountExactly", "Concurrent exposures and counts of many visitors count each exactly once per arm and measure.", ConcurrencyCountsExactly),
            Case("Concurrency_ReadsNeverShowMoreOfAMeasureThanVisitors", "A read during concurrent counting never shows an arm with more opened or converted than visitors.", ConcurrencyReadsNeverShowMoreThanVisitors),
        ]);

    /// <summary>Gets every case, in a stable order.</summary>
    public static ImmutableArray<StoreContractCase<IExperimentStore>> Cases => Suite.Cases;

    /// <summary>Gets the names of every case, in the order of <see cref="Cases"/>: the data of a parameterised test.</summary>
    public static ImmutableArray<string> CaseNames => Suite.Names;

    /// <summary>Finds a case by name (ordinal).</summary>
    /// <param name="caseName">The case's name.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name; the message lists the names.</exception>
    public static StoreContractCase<IExperimentStore> GetCase(string caseName) => Suite.Get(caseName);

    /// <summary>Runs one case against stores from <paramref name="factory"/>.</summary>
    /// <param name="caseName">The case's name, one of <see cref="CaseNames"/>.</param>
    /// <param name="factory">Creates each store the case uses; they are disposed when it ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="StoreContractException">The store broke the case's rule.</exception>
    public static Task RunAsync(string caseName, StoreFactory<IExperimentStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAsync(caseName, factory, cancellationToken);

    /// <summary>Runs every case, one after the other, even after a failure.</summary>
    /// <param name="factory">Creates each store the cases use; they are disposed when each case ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every case passed.</returns>
    /// <exception cref="AggregateException">One or more cases failed: one <see cref="StoreContractException"/> per failed case, in case order.</exception>
    public static Task RunAllAsync(StoreFactory<IExperimentStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAllAsync(factory, cancellationToken);

    private static StoreContractCase<IExperimentStore> Case(string name, string description, Func<ContractRun<IExperimentStore>, Task> body) =>
        new(name, description, body);

    private static string NewWorkspaceId() => ContractRun<IExperimentStore>.NewWorkspaceId();

    private static async Task GetForAMessageNeverCounted(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);

        Expect.Sequence([], await store.GetAsync(NewWorkspaceId(), "a", run.Token).ConfigureAwait(false), "the arms of a message never counted");
    }

    private static async Task GetListsArmsInOrder(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();

        // Exposed in an order that is not the arms' order; upper case sorts before lower case (ordinal).
        await store.RecordExposureAsync(ws, "a", ExperimentArms.Treatment, "v1", Now, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(ws, "a", ExperimentArms.Control, "v2", Now, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(ws, "a", "b", "v3", Now, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(ws, "a", "B", "v4", Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(ws, "a", "v3", ArmMetric.Replied, Now, Week, run.Token).ConfigureAwait(false);

        Expect.Sequence(
            [
                new ArmCounts("B", 1, 0, 0, 0),
                new ArmCounts("b", 1, 0, 1, 0),
                new ArmCounts(ExperimentArms.Control, 1, 0, 0, 0),
                new ArmCounts(ExperimentArms.Treatment, 1, 0, 0, 0),
            ],
            await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false),
            "the arms of a message exposed in treatment, control, b and B");
    }

    private static async Task RecordExposureCountsOncePerArm(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();

        Expect.Equal(true, await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false), "the answer of the visitor's first exposure in red");
        Expect.Equal(false, await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false), "the answer of the visitor's second exposure in red");
        Expect.Equal(false, await store.RecordExposureAsync(ws, "a", "red", "visitor", Now + Duration.FromDays(1), run.Token).ConfigureAwait(false), "the answer of the visitor's exposure in red a day later");
        Expect.Equal(true, await store.RecordExposureAsync(ws, "a", "red", "other", Now, run.Token).ConfigureAwait(false), "the answer of another visitor's first exposure in red");
        Expect.Equal(true, await store.RecordExposureAsync(ws, "a", ExperimentArms.Control, "third", Now, run.Token).ConfigureAwait(false), "the answer of a third visitor's first exposure in the control");

        Expect.Sequence(
            [new ArmCounts(ExperimentArms.Control, 1, 0, 0, 0), new ArmCounts("red", 2, 0, 0, 0)],
            await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false),
            "the arms after two visitors in red and one in the control");
    }

    private static async Task RecordBeforeAnyExposureCountsNothing(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();

        // Exposed to another message only.
        await store.RecordExposureAsync(ws, "b", "red", "visitor", Now, run.Token).ConfigureAwait(false);

        foreach (var metric in new[] { ArmMetric.Opened, ArmMetric.Replied, ArmMetric.Converted })
        {
            Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", metric, Now, Week, run.Token).ConfigureAwait(false), $"the answer of {metric} for a message the visitor was never exposed to");
        }

        Expect.Sequence([], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms of that message");
    }

    private static async Task RecordCountsOncePerArm(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false);

        foreach (var metric in new[] { ArmMetric.Opened, ArmMetric.Replied, ArmMetric.Converted })
        {
            Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "visitor", metric, Now + Duration.FromHours(1), Week, run.Token).ConfigureAwait(false), $"the answer of the visitor's first {metric}");
            Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", metric, Now + Duration.FromHours(2), Week, run.Token).ConfigureAwait(false), $"the answer of the visitor's second {metric}");
        }

        // Exposed again, in the same arm: what it already counted for does not count again.
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now + Duration.FromHours(3), run.Token).ConfigureAwait(false);
        Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, Now + Duration.FromHours(4), Week, run.Token).ConfigureAwait(false), "the answer of a conversion after the visitor was exposed again in the same arm");

        Expect.Sequence([new ArmCounts("red", 1, 1, 1, 1)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms after one visitor counted for everything twice");
    }

    private static async Task RecordForTheControl(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        await store.RecordExposureAsync(ws, "a", ExperimentArms.Control, "visitor", Now, run.Token).ConfigureAwait(false);

        Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", ArmMetric.Opened, Now, Week, run.Token).ConfigureAwait(false), "the answer of Opened for a visitor held out");
        Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", ArmMetric.Replied, Now, Week, run.Token).ConfigureAwait(false), "the answer of Replied for a visitor held out");
        Expect.Equal<string?>(ExperimentArms.Control, await store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, Now, Week, run.Token).ConfigureAwait(false), "the answer of Converted for a visitor held out");

        Expect.Sequence([new ArmCounts(ExperimentArms.Control, 1, 0, 0, 1)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms after a held-out visitor opened, replied and converted");
    }

    private static async Task RecordConversionWithinTheWindow(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();

        // The exposure is not on a whole second, so that a store rounding instants to seconds (or to a double's 53 bits) fails.
        var exposed = Now + Duration.FromTicks(1_234_567);
        await store.RecordExposureAsync(ws, "a", "red", "at-the-end", exposed, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(ws, "a", "red", "one-tick-late", exposed, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(ws, "a", "red", "long-window", exposed, run.Token).ConfigureAwait(false);

        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "at-the-end", ArmMetric.Converted, exposed + Week, Week, run.Token).ConfigureAwait(false), "the answer of a conversion exactly the window after the exposure");
        Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "one-tick-late", ArmMetric.Converted, exposed + Week + Duration.FromTicks(1), Week, run.Token).ConfigureAwait(false), "the answer of a conversion one tick after the window's end");
        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "one-tick-late", ArmMetric.Converted, exposed + Week, Week, run.Token).ConfigureAwait(false), "the answer of the late visitor's conversion at the window's end, after one refused");
        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "long-window", ArmMetric.Converted, exposed + Duration.FromDays(90), Duration.FromDays(90), run.Token).ConfigureAwait(false), "the answer of a conversion at the end of the longest window (90 days)");

        // Instants before 1970 (negative Unix ticks), also around zero, in message b.
        var tenTicks = Duration.FromTicks(10);
        foreach (var (visitor, at, window) in new[] { ("around-zero", Instant.FromUnixTimeTicks(-5), tenTicks), ("in-1900", Instant.FromUtc(1900, 1, 1, 0, 0) + Duration.FromTicks(7), Week) })
        {
            await store.RecordExposureAsync(ws, "b", "blue", visitor, at, run.Token).ConfigureAwait(false);
            Expect.Equal<string?>(null, await store.RecordAsync(ws, "b", visitor, ArmMetric.Converted, at + window + Duration.FromTicks(1), window, run.Token).ConfigureAwait(false), $"the answer of a conversion one tick after the window's end, exposed at {at}");
            Expect.Equal<string?>("blue", await store.RecordAsync(ws, "b", visitor, ArmMetric.Converted, at + window, window, run.Token).ConfigureAwait(false), $"the answer of a conversion at the window's end, exposed at {at}");
        }

        Expect.Sequence([new ArmCounts("red", 3, 0, 0, 3)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms after three conversions within the window and one after it");
        Expect.Sequence([new ArmCounts("blue", 2, 0, 0, 2)], await store.GetAsync(ws, "b", run.Token).ConfigureAwait(false), "the arms after the conversions before 1970");
    }

    private static async Task RecordExposureAgainMovesTheWindow(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        var again = Now + Duration.FromDays(5);
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false);
        Expect.Equal(false, await store.RecordExposureAsync(ws, "a", "red", "visitor", again, run.Token).ConfigureAwait(false), "the answer of the second exposure");

        // Past the first exposure's window, within the second's.
        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, again + Week, Week, run.Token).ConfigureAwait(false), "the answer of a conversion a week after the second exposure (12 days after the first)");
        Expect.Sequence([new ArmCounts("red", 1, 0, 0, 1)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms after the conversion");
    }

    private static async Task RecordExposureInAnotherArm(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(ws, "a", "visitor", ArmMetric.Opened, Now, Week, run.Token).ConfigureAwait(false);

        // The experiment was edited: the visitor now falls in blue.
        var later = Now + Duration.FromDays(1);
        Expect.Equal(true, await store.RecordExposureAsync(ws, "a", "blue", "visitor", later, run.Token).ConfigureAwait(false), "the answer of the visitor's first exposure in blue");
        Expect.Equal<string?>("blue", await store.RecordAsync(ws, "a", "visitor", ArmMetric.Opened, later, Week, run.Token).ConfigureAwait(false), "the answer of the visitor's Opened after its exposure in blue");
        Expect.Equal<string?>("blue", await store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, later, Week, run.Token).ConfigureAwait(false), "the answer of the visitor's conversion after its exposure in blue");

        // Edited back: red counted it already, and what it does now counts in red (once).
        var back = Now + Duration.FromDays(2);
        Expect.Equal(false, await store.RecordExposureAsync(ws, "a", "red", "visitor", back, run.Token).ConfigureAwait(false), "the answer of the visitor's exposure back in red");
        Expect.Equal<string?>(null, await store.RecordAsync(ws, "a", "visitor", ArmMetric.Opened, back, Week, run.Token).ConfigureAwait(false), "the answer of Opened back in red, already counted there");
        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, back, Week, run.Token).ConfigureAwait(false), "the answer of a conversion back in red, not yet counted there");

        Expect.Sequence(
            [new ArmCounts("blue", 1, 1, 0, 1), new ArmCounts("red", 1, 1, 0, 1)],
            await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false),
            "the arms after the visitor moved from red to blue and back");
    }

    private static async Task RecordKeepsMessagesAndWorkspacesApart(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        var other = NewWorkspaceId();
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false);
        await store.RecordExposureAsync(other, "a", "blue", "visitor", Now, run.Token).ConfigureAwait(false);
        await store.RecordAsync(other, "a", "visitor", ArmMetric.Opened, Now, Week, run.Token).ConfigureAwait(false);
        Expect.Equal<string?>(null, await store.RecordAsync(ws, "b", "visitor", ArmMetric.Opened, Now, Week, run.Token).ConfigureAwait(false), "the answer of Opened for message b, exposed only to a");

        Expect.Sequence([new ArmCounts("red", 1, 0, 0, 0)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms of a in the first workspace");
        Expect.Sequence([], await store.GetAsync(ws, "b", run.Token).ConfigureAwait(false), "the arms of b in the first workspace");
        Expect.Sequence([new ArmCounts("blue", 1, 1, 0, 0)], await store.GetAsync(other, "a", run.Token).ConfigureAwait(false), "the arms of a in the second workspace");
    }

    private static async Task CallsWithInvalidInputThrow(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        var tooLong = new string('v', IdRule.MaxVisitorIdLength + 1);
        await store.RecordExposureAsync(ws, "a", "red", "visitor", Now, run.Token).ConfigureAwait(false);

        foreach (var bad in new[] { null!, string.Empty, "has space", "é" })
        {
            var shown = Expect.Format(bad);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(bad, "a", "red", "visitor", Now, run.Token)), $"an exposure with workspace id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(ws, bad, "red", "visitor", Now, run.Token)), $"an exposure with message id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(ws, "a", bad, "visitor", Now, run.Token)), $"an exposure with arm id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(ws, "a", "red", bad, Now, run.Token)), $"an exposure with visitor id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordAsync(bad, "a", "visitor", ArmMetric.Opened, Now, Week, run.Token)), $"a count with workspace id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordAsync(ws, bad, "visitor", ArmMetric.Opened, Now, Week, run.Token)), $"a count with message id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordAsync(ws, "a", bad, ArmMetric.Opened, Now, Week, run.Token)), $"a count with visitor id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.GetAsync(bad, "a", run.Token)), $"a read with workspace id {shown}").ConfigureAwait(false);
            await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.GetAsync(ws, bad, run.Token)), $"a read with message id {shown}").ConfigureAwait(false);
        }

        await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(ws, "a", "red", tooLong, Now, run.Token)), "an exposure with a 257-character visitor id").ConfigureAwait(false);
        await Expect.ThrowsAny<ArgumentException>(() => DiscardAsync(store.RecordExposureAsync(ws, "a", new string('r', IdRule.MaxLength + 1), "visitor", Now, run.Token)), "an exposure with a 65-character arm id").ConfigureAwait(false);
        await Expect.Throws<ArgumentOutOfRangeException>(() => DiscardAsync(store.RecordAsync(ws, "a", "visitor", 0, Now, Week, run.Token)), "a count of metric 0").ConfigureAwait(false);
        await Expect.Throws<ArgumentOutOfRangeException>(() => DiscardAsync(store.RecordAsync(ws, "a", "visitor", (ArmMetric)4, Now, Week, run.Token)), "a count of metric 4").ConfigureAwait(false);
        await Expect.Throws<ArgumentOutOfRangeException>(() => DiscardAsync(store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, Now, Duration.Zero, run.Token)), "a conversion with a zero window").ConfigureAwait(false);
        await Expect.Throws<ArgumentOutOfRangeException>(() => DiscardAsync(store.RecordAsync(ws, "a", "visitor", ArmMetric.Converted, Now, -Week, run.Token)), "a conversion with a negative window").ConfigureAwait(false);

        // The window limits conversions only: another measure ignores it, whatever it is.
        Expect.Equal<string?>("red", await store.RecordAsync(ws, "a", "visitor", ArmMetric.Opened, Now, Duration.Zero, run.Token).ConfigureAwait(false), "the answer of Opened with a zero window");

        // A 256-character visitor id is valid.
        Expect.Equal(true, await store.RecordExposureAsync(ws, "a", "red", tooLong[1..], Now, run.Token).ConfigureAwait(false), "the answer of an exposure with a 256-character visitor id");
        Expect.Sequence([new ArmCounts("red", 2, 1, 0, 0)], await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false), "the arms after the refused calls");
    }

    private static async Task ConcurrencyCountsExactly(ContractRun<IExperimentStore> run)
    {
        const int Visitors = 10_000;
        const int Threads = 8;
        string[] arms = [ExperimentArms.Control, "blue", "red"];
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        var visitors = Enumerable.Range(0, Visitors).Select(static i => $"visitor-{i}").ToArray();
        var exposedAnswers = 0;
        var countedAnswers = new int[3];

        // Every thread exposes every visitor in its arm (visitor i in arms[i % 3]) and counts its
        // opened and converted, in either order (a count may race ahead of the exposure and then
        // not count), twice, so each visitor is contended.
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
            async () =>
            {
                for (var round = 0; round < 2; round++)
                {
                    for (var n = 0; n < Visitors; n++)
                    {
                        var i = (n + (thread * 1_249)) % Visitors;
                        var exposeFirst = (thread + round) % 2 == 0;
                        if (!exposeFirst)
                        {
                            await CountAsync(visitors[i]).ConfigureAwait(false);
                        }

                        if (await store.RecordExposureAsync(ws, "a", arms[i % 3], visitors[i], Now, run.Token).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref exposedAnswers);
                        }

                        if (exposeFirst)
                        {
                            await CountAsync(visitors[i]).ConfigureAwait(false);
                        }
                    }
                }
            },
            run.Token))).ConfigureAwait(false);

        // Visitor i is in arms[i % 3]: 3,334 in the control, 3,333 in blue and in red.
        const int InControl = 3_334;
        const int InBlueOrRed = 3_333;
        Expect.Sequence(
            [
                new ArmCounts("blue", InBlueOrRed, InBlueOrRed, 0, InBlueOrRed),
                new ArmCounts(ExperimentArms.Control, InControl, 0, 0, InControl),
                new ArmCounts("red", InBlueOrRed, InBlueOrRed, 0, InBlueOrRed),
            ],
            await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false),
            "the arms after 8 threads exposed 10,000 visitors and counted their opened and converted twice");
        Expect.Equal(Visitors, exposedAnswers, "the number of exposures that answered true");
        Expect.Sequence([Visitors - InControl, 0, Visitors], countedAnswers, "the number of [opened, replied, converted] counts that answered an arm");

        async Task CountAsync(string visitor)
        {
            foreach (var metric in new[] { ArmMetric.Opened, ArmMetric.Converted })
            {
                if (await store.RecordAsync(ws, "a", visitor, metric, Now, Week, run.Token).ConfigureAwait(false) is not null)
                {
                    Interlocked.Increment(ref countedAnswers[(int)metric - 1]);
                }
            }
        }
    }

    private static async Task ConcurrencyReadsNeverShowMoreThanVisitors(ContractRun<IExperimentStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = NewWorkspaceId();
        using var done = new CancellationTokenSource();
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    for (var i = 0; i < 10_000; i++)
                    {
                        await store.RecordExposureAsync(ws, "a", "red", $"visitor-{i}", Now, run.Token).ConfigureAwait(false);
                        await store.RecordAsync(ws, "a", $"visitor-{i}", ArmMetric.Opened, Now, Week, run.Token).ConfigureAwait(false);
                        await store.RecordAsync(ws, "a", $"visitor-{i}", ArmMetric.Converted, Now, Week, run.Token).ConfigureAwait(false);
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
            foreach (var arm in await store.GetAsync(ws, "a", run.Token).ConfigureAwait(false))
            {
                Expect.True(arm.Opened <= arm.Visitors && arm.Converted <= arm.Visitors, "a read during counting", "opened and converted at most visitors", arm.ToString());
            }
        }

        await writer.ConfigureAwait(false);
    }

    private static async ValueTask DiscardAsync<T>(ValueTask<T> call) => await call.ConfigureAwait(false);
}
