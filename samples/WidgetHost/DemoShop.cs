using System.Collections.Frozen;
using ProactiveMessaging.Lifecycle;

namespace WidgetHost;

/// <summary>
/// What the messaging platform knows of the one workspace the sample serves: its channel, default
/// sender and bot, and the texts of the bot's answers. A real host reads these from its own
/// platform; the sample keeps them in code.
/// </summary>
internal static class DemoShop
{
    public const string WorkspaceId = "demo-shop";
    public const string WorkspaceName = "Demo Shop";
    public const string ChannelId = "web";
    public const string DefaultSenderName = "Ada from Demo Shop";
    public const string BotId = "shop-bot";
    public const string BotName = "Shop Bot";

    /// <summary>The first step of each published bot answer, which the widget shows when the visitor opens a bot reply.</summary>
    public static readonly FrozenDictionary<string, string> AnswerFirstSteps = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["product-help"] = "Hi! I can help with sizes, delivery and returns. What would you like to know?",
        ["order-status"] = "Let's find your order. What is your order number?",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The workspace as publishing and the engine see it: messaging on, one Web Widget channel, one published bot.</summary>
    public static readonly WorkspaceSnapshot Snapshot = new()
    {
        AgentWorkspaceActive = true,
        MessagingActive = true,
        Channels = [new ChannelInfo(ChannelId, ChannelKind.WebWidget) { DefaultSenderName = DefaultSenderName, UsesFlowBuilder = true, BotId = BotId }],
        Bots = [new BotInfo(BotId) { IsActive = true, IsPublished = true, PublishedAnswerIds = [.. AnswerFirstSteps.Keys] }],
    };
}

/// <summary>The snapshot provider of the hosted Live sets: the demo shop and nothing else.</summary>
internal sealed class DemoShopWorkspaces : IWorkspaceSnapshotProvider
{
    private static readonly IReadOnlyCollection<string> Ids = [DemoShop.WorkspaceId];

    public ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken) => new(Ids);

    public ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken) =>
        new(workspaceId == DemoShop.WorkspaceId ? DemoShop.Snapshot : null);
}
