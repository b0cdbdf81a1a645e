using System.Collections.Immutable;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// The workspace snapshot a command runs the engine with. A catalog file does not describe the
/// workspace's channels and bots, so by default they are inferred from the catalog: every channel a
/// message names is a web widget whose default sender is <see cref="InferredSenderName"/>, with the
/// workspace's default schedule; a channel with bot replies uses the flow builder and has a published, active bot whose
/// published answers are every answer its messages use. Both workspace switches are on. A
/// <c>--workspace</c> file gives the real channels and bots instead (<see cref="For"/>).
/// </summary>
internal static class SnapshotInput
{
    /// <summary>The default sender name of an inferred channel.</summary>
    public const string InferredSenderName = "Support";

    /// <summary>The snapshot of a workspace file (<see cref="WorkspaceInput"/>) when one is given, else the one inferred from the catalog.</summary>
    public static WorkspaceSnapshot For(CatalogDocument catalog, string? workspacePath) =>
        workspacePath is null ? Infer(catalog) : WorkspaceInput.Read(workspacePath, catalog);

    /// <summary>The snapshot inferred from a catalog (see the class remarks).</summary>
    public static WorkspaceSnapshot Infer(CatalogDocument catalog)
    {
        var channels = ImmutableArray.CreateBuilder<ChannelInfo>();
        var bots = ImmutableArray.CreateBuilder<BotInfo>();
        foreach (var channel in catalog.Messages.Where(m => m.ChannelId is not null).GroupBy(m => m.ChannelId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answers = channel.Select(m => m.Reply).OfType<BotReply>().Select(reply => reply.AnswerId).Where(answer => !string.IsNullOrEmpty(answer)).ToImmutableHashSet(StringComparer.Ordinal);
            var botId = answers.IsEmpty ? null : BotIdOf(channel.Key);
            channels.Add(new ChannelInfo(channel.Key, ChannelKind.WebWidget) { DefaultSenderName = InferredSenderName, BotId = botId, UsesFlowBuilder = botId is not null });
            if (botId is not null)
            {
                bots.Add(new BotInfo(botId) { IsActive = true, IsPublished = true, PublishedAnswerIds = answers! });
            }
        }

        return new WorkspaceSnapshot
        {
            AgentWorkspaceActive = true,
            MessagingActive = true,
            Channels = channels.ToImmutable(),
            Bots = bots.ToImmutable(),
            DefaultScheduleId = catalog.Workspace.DefaultScheduleId,
            Schedules = catalog.Workspace.Schedules,
        };
    }

    /// <summary>The id of a channel's inferred bot: the channel id with <c>-bot</c>, shortened to the id rule's 64 characters.</summary>
    private static string BotIdOf(string channelId) => channelId.Length <= IdRule.MaxLength - 4 ? channelId + "-bot" : channelId[..(IdRule.MaxLength - 4)] + "-bot";
}
