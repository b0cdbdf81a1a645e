using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Internal;
using ProactiveMessaging.Testing.Storage.Internal;

namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// The contract every <see cref="IMessageStore"/> passes: versions checked on every write, atomic
/// imports and first-access seeding, names checked and stored in one step, workspaces kept apart,
/// cancellation honoured.
/// </summary>
/// <remarks>
/// <para>
/// Run each case as its own test in any framework (for xunit, a <c>[Theory]</c> over
/// <see cref="CaseNames"/> calling <see cref="RunAsync"/>), or every case at once with
/// <see cref="RunAllAsync"/>. Each case run uses workspace ids of its own, so a shared server needs
/// no cleaning.
/// </para>
/// <para>Thread-safe: cases may run in parallel.</para>
/// </remarks>
public static class MessageStoreContract
{
    private static readonly ContractSuite<IMessageStore> Suite = new(
        "message store contract",
        [
            Case("Get_WhenNothingStored_ReturnsNull", "An empty workspace reads no message and lists none.", GetWhenNothingStored),
            Case("Insert_ThenGet_ReturnsTheMessage", "An inserted message reads back equal, alone in its workspace's list.", InsertThenGet),
            Case("Insert_WhenIdExists_IsRefusedAndKeepsTheStoredMessage", "Inserting an id in use throws MessageAlreadyExistsException naming it, and keeps the stored message.", InsertWhenIdExists),
            Case("Insert_WhenVersionIsNotOne_IsRefused", "A new message starts at version 1: another version throws ArgumentException and stores nothing.", InsertWhenVersionIsNotOne),
            Case("Workspaces_AreSeparate", "The same message id in two workspaces names two messages.", WorkspacesAreSeparate),
            Case("Replace_WithTheStoredVersion_StoresTheNextVersion", "Replacing at the stored version stores the new message.", ReplaceWithTheStoredVersion),
            Case("Replace_WithAStaleVersion_ThrowsTheConflictAndOverwritesNothing", "Replacing at a stale version throws MessageVersionConflictException with both versions, and keeps the stored message.", ReplaceWithAStaleVersion),
            Case("Replace_WhenTheNewVersionIsNotExpectedPlusOne_IsRefused", "A replacement carries the expected version plus one, or throws ArgumentException.", ReplaceWhenTheNewVersionIsNotNext),
            Case("Replace_WhenMissing_ThrowsNotFound", "Replacing a message never stored throws MessageNotFoundException and stores nothing.", ReplaceWhenMissing),
            Case("Delete_WithTheStoredVersion_RemovesTheMessage", "Deleting at the stored version removes the message.", DeleteWithTheStoredVersion),
            Case("Delete_WithAStaleVersion_ThrowsTheConflictAndKeepsTheMessage", "Deleting at a stale version throws MessageVersionConflictException and keeps the message.", DeleteWithAStaleVersion),
            Case("Delete_WhenMissing_ThrowsNotFound", "Deleting a message never stored throws MessageNotFoundException.", DeleteWhenMissing),
            Case("InsertIfNameUnused_WhenTheNameIsFree_StoresTheMessage", "A message whose name no other message has is stored, and the call answers true.", InsertIfNameUnusedWhenFree),
            Case("InsertIfNameUnused_WhenTheNameIsTakenIgnoringCase_ChangesNothing", "A message whose name another message has (ignoring case) is not stored, and the call answers false.", InsertIfNameUnusedWhenTaken),
            Case("InsertIfNameUnused_SeesTheNamesOfEveryWrite", "Names stored by replacements, deletes, seeds and imports are the ones the check sees.", InsertIfNameUnusedSeesEveryWrite),
            Case("InsertIfNameUnused_WhenIdExistsOrVersionIsNotOne_IsRefused", "An id in use throws MessageAlreadyExistsException and a version other than 1 ArgumentException; nothing changes.", InsertIfNameUnusedRefusals),
            Case("InsertIfNameUnused_UnderConcurrentCallers_StoresOneMessagePerName", "Of many concurrent inserts of one name under different ids, exactly one is stored.", InsertIfNameUnusedUnderConcurrentCallers),
            Case("Operations_WhenAlreadyCancelled_ChangeNothing", "A write with a cancelled token throws OperationCanceledException and changes nothing.", OperationsWhenAlreadyCancelled),
            Case("InitializeWorkspace_SeedsOnlyTheFirstTime", "A workspace is seeded on its first initialisation only, even after its seeds were deleted.", InitializeSeedsOnlyTheFirstTime),
            Case("InitializeWorkspace_WithAnIdInUse_IsRefusedWhole", "Seeding with an id in use throws MessageAlreadyExistsException, stores none of the seeds and leaves the workspace uninitialised.", InitializeWithAnIdInUse),
            Case("InitializeWorkspace_UnderConcurrentCallers_SeedsExactlyOnce", "Of many concurrent initialisations exactly one seeds.", InitializeUnderConcurrentCallers),
            Case("Replace_UnderConcurrentWriters_ExactlyOneWinsPerVersion", "Concurrent read-modify-write replacements: exactly one wins per version, none is lost.", ReplaceUnderConcurrentWriters),
            Case("Settings_AreKeptWholePerWorkspace", "Settings read back whole per workspace; settings naming another workspace throw ArgumentException.", SettingsAreKeptWholePerWorkspace),
            Case("ImportWorkspace_StoresEverythingWithItsVersions_AndMarksTheWorkspaceInitialised", "An import stores its messages at their versions and its settings, and marks the workspace initialised.", ImportStoresEverything),
            Case("ImportWorkspace_ReplacesAMessageReadAtTheVersionBefore", "An import replaces a message whose stored version is the replacement's minus one.", ImportReplaces),
            Case("ImportWorkspace_WhenAnInsertedIdExists_ChangesNothing", "An import inserting an id in use is refused whole.", static run => ImportRefused(run, ImportRefusal.InsertExists)),
            Case("ImportWorkspace_WhenAReplacementIsStale_ChangesNothing", "An import replacing a message at a stale version is refused whole.", static run => ImportRefused(run, ImportRefusal.ReplacementStale)),
            Case("ImportWorkspace_WhenAReplacedMessageIsMissing_ChangesNothing", "An import replacing a message never stored is refused whole.", static run => ImportRefused(run, ImportRefusal.ReplacementMissing)),
            Case("ImportWorkspace_WhenAnIdRepeats_ChangesNothing", "An import naming one id twice is refused whole.", static run => ImportRefused(run, ImportRefusal.DuplicateId)),
            Case("ImportWorkspace_WhenTheSettingsNameAnotherWorkspace_ChangesNothing", "An import whose settings name another workspace is refused whole.", static run => ImportRefused(run, ImportRefusal.OtherWorkspace)),
            Case("ImportWorkspace_WhenCancelled_ChangesNothing", "An import with a cancelled token is refused whole.", static run => ImportRefused(run, ImportRefusal.Cancelled)),
        ]);

    private enum ImportRefusal
    {
        InsertExists,
        ReplacementStale,
        ReplacementMissing,
        DuplicateId,
        OtherWorkspace,
        Cancelled,
    }

    /// <summary>Gets every case, in a stable order.</summary>
    public static ImmutableArray<StoreContractCase<IMessageStore>> Cases => Suite.Cases;

    /// <summary>Gets the names of every case, in the order of <see cref="Cases"/>: the data of a parameterised test.</summary>
    public static ImmutableArray<string> CaseNames => Suite.Names;

    /// <summary>Finds a case by name (ordinal).</summary>
    /// <param name="caseName">The case's name.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name; the message lists the names.</exception>
    public static StoreContractCase<IMessageStore> GetCase(string caseName) => Suite.Get(caseName);

    /// <summary>Runs one case against stores from <paramref name="factory"/>.</summary>
    /// <param name="caseName">The case's name, one of <see cref="CaseNames"/>.</param>
    /// <param name="factory">Creates each store the case uses; they are disposed when it ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="StoreContractException">The store broke the case's rule.</exception>
    public static Task RunAsync(string caseName, StoreFactory<IMessageStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAsync(caseName, factory, cancellationToken);

    /// <summary>Runs every case, one after the other, even after a failure.</summary>
    /// <param name="factory">Creates each store the cases use; they are disposed when each case ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every case passed.</returns>
    /// <exception cref="AggregateException">One or more cases failed: one <see cref="StoreContractException"/> per failed case, in case order.</exception>
    public static Task RunAllAsync(StoreFactory<IMessageStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAllAsync(factory, cancellationToken);

    private static StoreContractCase<IMessageStore> Case(string name, string description, Func<ContractRun<IMessageStore>, Task> body) =>
        new(name, description, body);

    private static ProactiveMessage Draft(string id, string name = "A message") => TestMessages.Draft(id, name);

    private static ProactiveMessage Renamed(ProactiveMessage message, string name, long version) => message.Copy(version, name);

    private static async Task GetWhenNothingStored(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();

        Expect.Equal(null, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "reading a message of an empty workspace");
        Expect.Sequence([], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "listing an empty workspace");
    }

    private static async Task InsertThenGet(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");

        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);

        Expect.Equal(message, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "reading the inserted message");
        Expect.Sequence([message], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "listing the workspace after one insert");
    }

    private static async Task InsertWhenIdExists(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var first = Draft("m1", "First");
        await store.InsertAsync(ws, first, run.Token).ConfigureAwait(false);

        var error = await Expect.Throws<MessageAlreadyExistsException>(() => store.InsertAsync(ws, Draft("m1", "Second"), run.Token), "inserting a second message with the same id").ConfigureAwait(false);

        Expect.Equal((ws, "m1"), (error.WorkspaceId, error.MessageId), "the workspace and message ids the exception names");
        Expect.Equal(first, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the stored message after the refused insert");
    }

    private static async Task InsertWhenVersionIsNotOne(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();

        await Expect.Throws<ArgumentException>(() => store.InsertAsync(ws, Draft("m1").Copy(2), run.Token), "inserting a message at version 2").ConfigureAwait(false);

        Expect.Sequence([], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "listing the workspace after the refused insert");
    }

    private static async Task WorkspacesAreSeparate(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var a = ContractRun<IMessageStore>.NewWorkspaceId();
        var b = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InsertAsync(a, Draft("m1", "In a"), run.Token).ConfigureAwait(false);
        await store.InsertAsync(b, Draft("m1", "In b"), run.Token).ConfigureAwait(false);

        Expect.Equal("In a", (await store.GetAsync(a, "m1", run.Token).ConfigureAwait(false))?.Name, "the name of m1 in the first workspace");
        Expect.Equal("In b", (await store.GetAsync(b, "m1", run.Token).ConfigureAwait(false))?.Name, "the name of m1 in the second workspace");
        Expect.Equal(1, (await store.ListAsync(a, run.Token).ConfigureAwait(false)).Length, "the number of messages listed in the first workspace");
    }

    private static async Task ReplaceWithTheStoredVersion(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");
        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);
        var renamed = Renamed(message, "Renamed", 2);

        await store.ReplaceAsync(ws, renamed, expectedVersion: 1, run.Token).ConfigureAwait(false);

        Expect.Equal(renamed, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the message after replacing version 1 with version 2");
    }

    private static async Task ReplaceWithAStaleVersion(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");
        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);
        var second = Renamed(message, "Second", 2);
        await store.ReplaceAsync(ws, second, 1, run.Token).ConfigureAwait(false);

        var stale = Renamed(message, "Stale", 2);
        var error = await Expect.Throws<MessageVersionConflictException>(() => store.ReplaceAsync(ws, stale, 1, run.Token), "replacing at version 1 when version 2 is stored").ConfigureAwait(false);

        Expect.Equal((ws, "m1", 1L, 2L), (error.WorkspaceId, error.MessageId, error.ExpectedVersion, error.ActualVersion), "the workspace, message, expected and actual versions the conflict names");
        Expect.Equal(second, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the stored message after the refused replacement");
    }

    private static async Task ReplaceWhenTheNewVersionIsNotNext(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");
        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);

        await Expect.Throws<ArgumentException>(() => store.ReplaceAsync(ws, message.Copy(5), 1, run.Token), "replacing version 1 with a message at version 5").ConfigureAwait(false);

        Expect.Equal(message, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the stored message after the refused replacement");
    }

    private static async Task ReplaceWhenMissing(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();

        var error = await Expect.Throws<MessageNotFoundException>(() => store.ReplaceAsync(ws, Draft("m1").Copy(2), 1, run.Token), "replacing a message never stored").ConfigureAwait(false);

        Expect.Equal("m1", error.MessageId, "the message id the exception names");
        Expect.Sequence([], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "listing the workspace after the refused replacement");
    }

    private static async Task DeleteWithTheStoredVersion(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InsertAsync(ws, Draft("m1"), run.Token).ConfigureAwait(false);

        await store.DeleteAsync(ws, "m1", 1, run.Token).ConfigureAwait(false);

        Expect.Equal(null, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "reading the deleted message");
    }

    private static async Task DeleteWithAStaleVersion(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");
        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);

        await Expect.Throws<MessageVersionConflictException>(() => store.DeleteAsync(ws, "m1", 7, run.Token), "deleting at version 7 when version 1 is stored").ConfigureAwait(false);

        Expect.Equal(message, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the stored message after the refused delete");
    }

    private static async Task DeleteWhenMissing(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();

        await Expect.Throws<MessageNotFoundException>(() => store.DeleteAsync(ws, "m1", 1, run.Token), "deleting a message never stored").ConfigureAwait(false);
    }

    private static async Task InsertIfNameUnusedWhenFree(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var first = Draft("m1", "Pricing help");
        await store.InsertAsync(ws, first, run.Token).ConfigureAwait(false);
        var second = Draft("m2", "Pricing help (2)");

        Expect.Equal(true, await store.InsertIfNameUnusedAsync(ws, second, run.Token).ConfigureAwait(false), "the answer of inserting an unused name");

        Expect.Equal(second, await store.GetAsync(ws, "m2", run.Token).ConfigureAwait(false), "reading the inserted message");
        Expect.Equal(true, await store.InsertIfNameUnusedAsync(ContractRun<IMessageStore>.NewWorkspaceId(), Draft("m3", "Pricing help"), run.Token).ConfigureAwait(false), "the answer of inserting a name used only in another workspace");
    }

    private static async Task InsertIfNameUnusedWhenTaken(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var first = Draft("m1", "Pricing help");
        await store.InsertAsync(ws, first, run.Token).ConfigureAwait(false);

        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("m2", "Pricing help"), run.Token).ConfigureAwait(false), "the answer of inserting the same name");
        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("m3", "PRICING HELP"), run.Token).ConfigureAwait(false), "the answer of inserting the name in upper case");
        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("m4", "pricing Help"), run.Token).ConfigureAwait(false), "the answer of inserting the name in mixed case");

        Expect.Sequence([first], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "the messages listed after the refused inserts");
    }

    private static async Task InsertIfNameUnusedSeesEveryWrite(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InitializeWorkspaceAsync(ws, [Draft("p1", "Seeded")], run.Token).ConfigureAwait(false);
        var renamed = Draft("m1", "Old name");
        await store.InsertAsync(ws, renamed, run.Token).ConfigureAwait(false);
        await store.ReplaceAsync(ws, Renamed(renamed, "New name", 2), 1, run.Token).ConfigureAwait(false);
        await store.InsertAsync(ws, Draft("m2", "Deleted"), run.Token).ConfigureAwait(false);
        await store.DeleteAsync(ws, "m2", 1, run.Token).ConfigureAwait(false);
        await store.ImportWorkspaceAsync(ws, new WorkspaceSettings(ws), [Draft("m3", "Imported")], [], run.Token).ConfigureAwait(false);

        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("c1", "seeded"), run.Token).ConfigureAwait(false), "the answer for a seed's name");
        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("c2", "new name"), run.Token).ConfigureAwait(false), "the answer for the name a replacement gave");
        Expect.Equal(false, await store.InsertIfNameUnusedAsync(ws, Draft("c3", "imported"), run.Token).ConfigureAwait(false), "the answer for an imported message's name");
        Expect.Equal(true, await store.InsertIfNameUnusedAsync(ws, Draft("c4", "old name"), run.Token).ConfigureAwait(false), "the answer for the name a replacement dropped");
        Expect.Equal(true, await store.InsertIfNameUnusedAsync(ws, Draft("c5", "deleted"), run.Token).ConfigureAwait(false), "the answer for a deleted message's name");
    }

    private static async Task InsertIfNameUnusedRefusals(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var first = Draft("m1", "First");
        await store.InsertAsync(ws, first, run.Token).ConfigureAwait(false);

        var error = await Expect.Throws<MessageAlreadyExistsException>(async () => await store.InsertIfNameUnusedAsync(ws, Draft("m1", "Other"), run.Token).ConfigureAwait(false), "inserting an unused name under an id in use").ConfigureAwait(false);
        await Expect.Throws<ArgumentException>(async () => await store.InsertIfNameUnusedAsync(ws, Draft("m2", "Other").Copy(2), run.Token).ConfigureAwait(false), "inserting a message at version 2").ConfigureAwait(false);

        Expect.Equal("m1", error.MessageId, "the message id the exception names");
        Expect.Sequence([first], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "the messages listed after the refused inserts");
        Expect.Equal(true, await store.InsertIfNameUnusedAsync(ws, Draft("m3", "Other"), run.Token).ConfigureAwait(false), "the answer for the name the refused inserts carried");
    }

    private static async Task InsertIfNameUnusedUnderConcurrentCallers(ContractRun<IMessageStore> run)
    {
        const int Callers = 32;
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(async () => await store.InsertIfNameUnusedAsync(ws, Draft($"m{i}", i % 2 == 0 ? "Same name" : "SAME NAME"), run.Token).ConfigureAwait(false), run.Token));

        var stored = await Task.WhenAll(callers).ConfigureAwait(false);

        Expect.Equal(1, stored.Count(static s => s), $"the number of the {Callers} concurrent inserts of one name that were stored");
        Expect.Equal(1, (await store.ListAsync(ws, run.Token).ConfigureAwait(false)).Length, "the number of messages listed after them");
    }

    private static async Task OperationsWhenAlreadyCancelled(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var other = ContractRun<IMessageStore>.NewWorkspaceId();
        var message = Draft("m1");
        await store.InsertAsync(ws, message, run.Token).ConfigureAwait(false);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);

        await Expect.ThrowsAny<OperationCanceledException>(() => store.InsertAsync(ws, Draft("m2"), cancelled.Token), "inserting with a cancelled token").ConfigureAwait(false);
        await Expect.ThrowsAny<OperationCanceledException>(() => store.ReplaceAsync(ws, message.Copy(2), 1, cancelled.Token), "replacing with a cancelled token").ConfigureAwait(false);
        await Expect.ThrowsAny<OperationCanceledException>(() => store.DeleteAsync(ws, "m1", 1, cancelled.Token), "deleting with a cancelled token").ConfigureAwait(false);
        await Expect.ThrowsAny<OperationCanceledException>(async () => await store.InitializeWorkspaceAsync(other, [Draft("m3")], cancelled.Token).ConfigureAwait(false), "initialising with a cancelled token").ConfigureAwait(false);

        Expect.Sequence([message], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "listing the workspace after the cancelled writes");
        Expect.Sequence([], await store.ListAsync(other, run.Token).ConfigureAwait(false), "listing the workspace whose initialisation was cancelled");
    }

    private static async Task InitializeSeedsOnlyTheFirstTime(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();

        Expect.Equal(true, await store.InitializeWorkspaceAsync(ws, [Draft("p1"), Draft("p2")], run.Token).ConfigureAwait(false), "the first initialisation's answer");
        await store.DeleteAsync(ws, "p1", 1, run.Token).ConfigureAwait(false);
        Expect.Equal(false, await store.InitializeWorkspaceAsync(ws, [Draft("p3")], run.Token).ConfigureAwait(false), "the second initialisation's answer");

        Expect.Sequence(["p2"], (await store.ListAsync(ws, run.Token).ConfigureAwait(false)).Select(static m => m.Id), "the ids listed after deleting a seed and initialising again");
    }

    private static async Task InitializeWithAnIdInUse(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InsertAsync(ws, Draft("m1"), run.Token).ConfigureAwait(false);

        await Expect.Throws<MessageAlreadyExistsException>(async () => await store.InitializeWorkspaceAsync(ws, [Draft("p1"), Draft("m1")], run.Token).ConfigureAwait(false), "seeding with an id in use").ConfigureAwait(false);

        Expect.Sequence(["m1"], (await store.ListAsync(ws, run.Token).ConfigureAwait(false)).Select(static m => m.Id), "the ids listed after the refused seeding");
        Expect.Equal(true, await store.InitializeWorkspaceAsync(ws, [Draft("p1")], run.Token).ConfigureAwait(false), "the answer of an initialisation after the refused one");
    }

    private static async Task InitializeUnderConcurrentCallers(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var callers = Enumerable.Range(0, 32).Select(i => Task.Run(async () => await store.InitializeWorkspaceAsync(ws, [Draft($"p{i}-a"), Draft($"p{i}-b")], run.Token).ConfigureAwait(false), run.Token));

        var seeded = await Task.WhenAll(callers).ConfigureAwait(false);

        Expect.Equal(1, seeded.Count(static s => s), "the number of the 32 concurrent initialisations that seeded");
        Expect.Equal(2, (await store.ListAsync(ws, run.Token).ConfigureAwait(false)).Length, "the number of messages listed after them");
    }

    private static async Task ReplaceUnderConcurrentWriters(ContractRun<IMessageStore> run)
    {
        const int Writers = 8;
        const int Rounds = 200;
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InsertAsync(ws, Draft("m1"), run.Token).ConfigureAwait(false);
        var wins = new int[(Writers * Rounds) + 2];

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(
            async () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var current = await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false)
                        ?? throw new CheckFailedException("reading the message between replacements", "the message", "null");
                    var next = current.Copy(current.Version + 1, priority: current.Priority + 1);
                    try
                    {
                        await store.ReplaceAsync(ws, next, current.Version, run.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref wins[current.Version]);
                    }
                    catch (MessageVersionConflictException)
                    {
                        // Another writer replaced this version first: the expected outcome of a race.
                    }
                }
            },
            run.Token))).ConfigureAwait(false);

        var final = await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false)
            ?? throw new CheckFailedException("reading the message after the writers", "the message", "null");
        var totalWins = wins.Sum();
        Expect.Equal(1 + totalWins, final.Version, "the final version (1 plus the replacements that succeeded)");
        Expect.Equal(totalWins, final.Priority, "the final priority (each successful replacement added 1)");
        for (var version = 1; version < wins.Length; version++)
        {
            Expect.Equal(version < final.Version ? 1 : 0, wins[version], $"the number of writers whose replacement of version {version} succeeded");
        }
    }

    private static async Task SettingsAreKeptWholePerWorkspace(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var other = ContractRun<IMessageStore>.NewWorkspaceId();
        var schedule = BusinessHoursSchedule.Create(
            "hours",
            "Europe/London",
            [new WeeklyInterval(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 0))]).GetValueOrThrow();
        var settings = new WorkspaceSettings(ws) { Name = "Acme", DefaultScheduleId = "hours", Schedules = [schedule] };

        Expect.Equal(null, await store.GetSettingsAsync(ws, run.Token).ConfigureAwait(false), "the settings of a workspace never given any");
        await store.SetSettingsAsync(ws, settings, run.Token).ConfigureAwait(false);
        await store.SetSettingsAsync(other, new WorkspaceSettings(other), run.Token).ConfigureAwait(false);

        Expect.Equal(settings, await store.GetSettingsAsync(ws, run.Token).ConfigureAwait(false), "the settings read back");
        Expect.Equal(new WorkspaceSettings(other), await store.GetSettingsAsync(other, run.Token).ConfigureAwait(false), "the other workspace's settings read back");
        await Expect.Throws<ArgumentException>(() => store.SetSettingsAsync(ws, new WorkspaceSettings(other), run.Token), "storing settings that name another workspace").ConfigureAwait(false);
        Expect.Equal(settings, await store.GetSettingsAsync(ws, run.Token).ConfigureAwait(false), "the settings after the refused write");
    }

    private static async Task ImportStoresEverything(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var settings = new WorkspaceSettings(ws) { Name = "Imported" };
        var third = Draft("m1").Copy(3);

        await store.ImportWorkspaceAsync(ws, settings, [third, Draft("m2")], [], run.Token).ConfigureAwait(false);

        Expect.Equal(third, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the imported message read back at its version 3");
        Expect.Equal(settings, await store.GetSettingsAsync(ws, run.Token).ConfigureAwait(false), "the imported settings read back");
        Expect.Equal(false, await store.InitializeWorkspaceAsync(ws, [Draft("preset")], run.Token).ConfigureAwait(false), "the answer of an initialisation after the import");
        Expect.Sequence(["m1", "m2"], (await store.ListAsync(ws, run.Token).ConfigureAwait(false)).Select(static m => m.Id).Order(StringComparer.Ordinal), "the ids listed after the import");
    }

    private static async Task ImportReplaces(ContractRun<IMessageStore> run)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        await store.InsertAsync(ws, Draft("m1", "Old"), run.Token).ConfigureAwait(false);
        var replacement = Draft("m1", "New").Copy(2);

        await store.ImportWorkspaceAsync(ws, new WorkspaceSettings(ws), [], [replacement], run.Token).ConfigureAwait(false);

        Expect.Equal(replacement, await store.GetAsync(ws, "m1", run.Token).ConfigureAwait(false), "the message replaced by the import");
    }

    private static async Task ImportRefused(ContractRun<IMessageStore> run, ImportRefusal reason)
    {
        var store = await run.CreateStoreAsync().ConfigureAwait(false);
        var ws = ContractRun<IMessageStore>.NewWorkspaceId();
        var kept = Draft("kept");
        await store.InsertAsync(ws, kept, run.Token).ConfigureAwait(false);
        var before = new WorkspaceSettings(ws) { Name = "Before" };
        await store.SetSettingsAsync(ws, before, run.Token).ConfigureAwait(false);
        var settings = new WorkspaceSettings(ws) { Name = "After" };
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);

        ValueTask Import() => reason switch
        {
            ImportRefusal.InsertExists => store.ImportWorkspaceAsync(ws, settings, [Draft("new"), Draft("kept")], [], run.Token),
            ImportRefusal.ReplacementStale => store.ImportWorkspaceAsync(ws, settings, [Draft("new")], [kept.Copy(3)], run.Token),
            ImportRefusal.ReplacementMissing => store.ImportWorkspaceAsync(ws, settings, [Draft("new")], [Draft("ghost").Copy(2)], run.Token),
            ImportRefusal.DuplicateId => store.ImportWorkspaceAsync(ws, settings, [Draft("new"), Draft("new")], [], run.Token),
            ImportRefusal.OtherWorkspace => store.ImportWorkspaceAsync(ws, new WorkspaceSettings(ContractRun<IMessageStore>.NewWorkspaceId()), [Draft("new")], [], run.Token),
            _ => store.ImportWorkspaceAsync(ws, settings, [Draft("new")], [], cancelled.Token),
        };
        await Expect.ThrowsAny<Exception>(Import, "the refused import").ConfigureAwait(false);

        Expect.Sequence([kept], await store.ListAsync(ws, run.Token).ConfigureAwait(false), "the messages listed after the refused import");
        Expect.Equal(before, await store.GetSettingsAsync(ws, run.Token).ConfigureAwait(false), "the settings after the refused import");
        Expect.Equal(true, await store.InitializeWorkspaceAsync(ws, [], run.Token).ConfigureAwait(false), "the answer of an initialisation after the refused import (the workspace is still uninitialised)");
    }
}
