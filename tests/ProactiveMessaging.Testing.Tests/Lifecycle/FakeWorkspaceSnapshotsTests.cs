using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Testing.Lifecycle;

namespace ProactiveMessaging.Testing.Tests.Lifecycle;

public sealed class FakeWorkspaceSnapshotsTests
{
    private static readonly WorkspaceSnapshot Web = new WorkspaceSnapshotBuilder().AddWebWidget("web").Build();
    private static readonly WorkspaceSnapshot App = new WorkspaceSnapshotBuilder().AddMobileSdk("app").Build();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_ListsTheWorkspaceInOrder_AndAnswersItsSnapshot()
    {
        var provider = new FakeWorkspaceSnapshots("zeta", Web);
        provider.Set("alpha", App);
        provider.Set("hidden", App, listed: false);

        Assert.Equal(["alpha", "zeta"], await provider.GetWorkspaceIdsAsync(Token));
        Assert.Same(Web, await provider.GetSnapshotAsync("zeta", Token));
        Assert.Same(App, await provider.GetSnapshotAsync("hidden", Token));
        Assert.Null(await provider.GetSnapshotAsync("unknown", Token));
    }

    [Fact]
    public async Task Set_Again_ChangesWhatTheNextReadAnswers()
    {
        var provider = new FakeWorkspaceSnapshots("acme", Web);

        provider.Set("acme", App);

        Assert.Same(App, await provider.GetSnapshotAsync("acme", Token));
        Assert.Equal(1, provider.ReadCount("acme"));
    }

    [Fact]
    public async Task Remove_UnlistsTheWorkspace_AndReadsAnswerNull()
    {
        var provider = new FakeWorkspaceSnapshots("acme", Web);

        Assert.True(provider.Remove("acme"));
        Assert.False(provider.Remove("acme"));

        Assert.Empty(await provider.GetWorkspaceIdsAsync(Token));
        Assert.Null(await provider.GetSnapshotAsync("acme", Token));
    }

    [Fact]
    public async Task SetReadFailure_FailsEveryRead_UntilCleared_AndCountsThem()
    {
        var provider = new FakeWorkspaceSnapshots("acme", Web);
        var down = new InvalidOperationException("The platform is down.");

        provider.SetReadFailure("acme", down);
        Assert.Same(down, await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetSnapshotAsync("acme", Token)));
        Assert.Same(down, await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetSnapshotAsync("acme", Token)));
        provider.SetReadFailure("acme", null);

        Assert.Same(Web, await provider.GetSnapshotAsync("acme", Token));
        Assert.Equal(3, provider.ReadCount("acme"));
        Assert.Equal(["acme"], await provider.GetWorkspaceIdsAsync(Token));
    }

    [Fact]
    public async Task Reads_WithACancelledToken_Throw()
    {
        var provider = new FakeWorkspaceSnapshots("acme", Web);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await provider.GetSnapshotAsync("acme", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await provider.GetWorkspaceIdsAsync(cancelled.Token));
    }

    [Fact]
    public void Set_WithAnIdThatBreaksTheRule_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new FakeWorkspaceSnapshots().Set("no spaces", Web));
    }
}
