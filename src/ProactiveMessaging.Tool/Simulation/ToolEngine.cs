using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tool.Input;

namespace ProactiveMessaging.Tool.Simulation;

/// <summary>
/// The real engine over a catalog file: the catalog imported as it is into an in-memory catalog
/// (its Live messages stay Live when they meet the publish requirements against the workspace
/// file's snapshot, or the one inferred from the catalog without one), its Live set applied to an engine with in-memory stores and the tool's clock.
/// </summary>
/// <remarks>Not thread-safe: one command's run.</remarks>
internal sealed class ToolEngine : IDisposable
{
    /// <summary>How many visitors the frequency store and the visit tracker remember (the least recently seen are forgotten beyond).</summary>
    public const int MaxVisitors = 1_000_000;

    private ToolEngine(CatalogDocument document, IReadOnlyList<ProactiveMessage> messages, ProactiveEngine engine, LogClock clock, EventLineReader reader)
    {
        Document = document;
        Messages = messages;
        Engine = engine;
        Clock = clock;
        Reader = reader;
    }

    public CatalogDocument Document { get; }

    public string WorkspaceId => Document.Workspace.Id;

    /// <summary>Gets every message of the catalog as imported, in the file's order (a Live message that fails the publish requirements is in Error).</summary>
    public IReadOnlyList<ProactiveMessage> Messages { get; }

    public ProactiveEngine Engine { get; }

    public LogClock Clock { get; }

    /// <summary>Gets a reader of events for this catalog's workspace, channels, messages and fields.</summary>
    public EventLineReader Reader { get; }

    /// <summary>A new event holder for the workspace's fields.</summary>
    public EventLine NewLine() => new(Engine.GetFields(WorkspaceId));

    /// <summary>Imports the catalog and builds the engine over it.</summary>
    /// <param name="input">The catalog file, which must be valid.</param>
    /// <param name="start">The clock's first instant.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <param name="workspacePath">A workspace file (<see cref="WorkspaceInput"/>), or <see langword="null"/> to infer the workspace from the catalog.</param>
    public static async Task<ToolEngine> CreateAsync(CatalogInput input, Instant start, CancellationToken cancellationToken, string? workspacePath = null)
    {
        var document = input.Require();
        var clock = new LogClock(start);
        var options = new ProactiveMessagingOptions { SeedPresets = false, MaxTrackedVisitors = MaxVisitors };
        var snapshot = SnapshotInput.For(document, workspacePath);

        // The catalog's own metrics store holds the file's counts; the engine counts the replay alone.
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), options, clock);
        var report = await catalog.ImportAsync(document, snapshot, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            var first = report.Problems[0];
            throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{input.Path}:{JsonLines.LineOf(input.Bytes, first.Path)}: the catalog cannot be imported: {first.Message} ({first.Code} at {first.Path})."));
        }

        var engine = new ProactiveEngine(new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = MaxVisitors }), new InMemoryMetricsStore(), options, clock);
        engine.ApplyLiveSet(catalog.GetLiveSet(document.Workspace.Id), snapshot);
        var imported = await catalog.ExportAsync(document.Workspace.Id, cancellationToken).ConfigureAwait(false);
        var fields = engine.GetFields(document.Workspace.Id);
        // A log recorded before a channel was deleted still reads: its events meet no Live message.
        var channelIds = snapshot.Channels.Select(c => c.Id).Union(document.Messages.Select(m => m.ChannelId).OfType<string>(), StringComparer.Ordinal);
        // An event that does not say its channel's kind has the kind the workspace gives the channel.
        var channelKinds = snapshot.Channels.ToDictionary(c => c.Id, c => c.Kind switch
        {
            ChannelKind.WebWidget => "webWidget",
            ChannelKind.MobileSdk => "mobileSdk",
            _ => (string?)null,
        }, StringComparer.Ordinal);
        var reader = new EventLineReader(document.Workspace.Id, channelIds, document.Messages.Select(m => m.Id), fields, channelKinds)
        {
            DefaultZone = document.Workspace.Schedules.FirstOrDefault(s => s.Id == document.Workspace.DefaultScheduleId)?.Zone,
        };
        var byId = imported.Messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        return new ToolEngine(document, [.. document.Messages.Select(m => byId[m.Id])], engine, clock, reader);
    }

    public void Dispose() => Engine.Dispose();
}
