using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Serialization;

namespace WidgetHost;

/// <summary>
/// Imports the seed catalog before any hosted service starts (<see cref="IHostedLifecycleService.StartingAsync"/>
/// runs before every <c>StartAsync</c>), so the Live set loader finds the seed's Live messages and
/// the host serves them as soon as it has started. A store that already holds one of the seed's
/// messages is left as it is: a restart on Redis keeps the catalog the admin changed.
/// </summary>
internal sealed partial class SeedCatalog(MessageCatalog catalog, WidgetHostSettings settings, ILogger<SeedCatalog> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var read = MessageJson.ReadCatalog(await File.ReadAllBytesAsync(settings.CatalogPath, cancellationToken));
        if (!read.TryGetValue(out var document))
        {
            // The seed ships with the sample: a broken seed is a build mistake, not a visitor's problem.
            throw new InvalidOperationException(
                $"The seed catalog {settings.CatalogPath} cannot be read: {string.Join("; ", read.Problems.Select(p => $"{p.Path}: {p.Message} [{p.Code}]"))}");
        }

        foreach (var message in document!.Messages)
        {
            if (await catalog.GetAsync(document.Workspace.Id, message.Id, cancellationToken) is not null)
            {
                SeedKept(logger, message.Id);
                return;
            }
        }

        var report = await catalog.ImportAsync(document, DemoShop.Snapshot, cancellationToken: cancellationToken);
        report.EnsureSucceeded();
        SeedImported(logger, report.Inserted.Length);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The catalog already holds '{MessageId}': the seed catalog is not imported.")]
    private static partial void SeedKept(ILogger logger, string messageId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Seed catalog imported: {Count} messages.")]
    private static partial void SeedImported(ILogger logger, int count);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
