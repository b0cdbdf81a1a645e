using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class PublishRequirementsTests
{
    public static TheoryData<string, MessageDefinition, WorkspaceSnapshot, string, string> Failures => new()
    {
        // The workspace.
        { "agent workspace off", Definitions.Agent(), Snapshots.Healthy with { AgentWorkspaceActive = false }, RequirementProblemCodes.AgentWorkspaceInactive, "$.workspace.agentWorkspace" },
        { "messaging off", Definitions.Agent(), Snapshots.Healthy with { MessagingActive = false }, RequirementProblemCodes.MessagingInactive, "$.workspace.messaging" },

        // The channel.
        { "channel deleted", Definitions.Agent(), Snapshots.WithoutChannel(Snapshots.WebChannel), RequirementProblemCodes.ChannelNotFound, "$.channelId" },
        { "social channel", Definitions.Agent(channel: Snapshots.SocialChannel), Snapshots.Healthy, RequirementProblemCodes.ChannelKindNotAllowed, "$.channelId" },
        { "other channel", Definitions.Agent(), Snapshots.WithChannel(Snapshots.WebChannel, c => new ChannelInfo(c.Id, ChannelKind.Other) { DefaultSenderName = "S" }), RequirementProblemCodes.ChannelKindNotAllowed, "$.channelId" },
        { "no default sender", Definitions.Agent(), Snapshots.WithChannel(Snapshots.WebChannel, c => c with { DefaultSenderName = null }), RequirementProblemCodes.ChannelSenderMissing, "$.channelId" },
        { "no schedule", Definitions.Agent() with { Timing = MessageTiming.BusinessHours }, Snapshots.Healthy with { DefaultScheduleId = null }, RequirementProblemCodes.ScheduleMissing, "$.timing" },

        // The bot.
        { "no flow builder", Definitions.Bot(), Snapshots.WithChannel(Snapshots.BotChannel, c => c with { UsesFlowBuilder = false }), RequirementProblemCodes.FlowBuilderRequired, "$.reply" },
        { "no bot connected", Definitions.Bot(), Snapshots.WithChannel(Snapshots.BotChannel, c => c with { BotId = null }), RequirementProblemCodes.BotNotConnected, "$.reply" },
        { "bot deleted", Definitions.Bot(), Snapshots.Healthy with { Bots = [] }, RequirementProblemCodes.BotNotFound, "$.reply" },
        { "third-party bot", Definitions.Bot(), Snapshots.WithBot(b => b with { IsThirdParty = true }), RequirementProblemCodes.BotThirdParty, "$.reply" },
        { "bot inactive", Definitions.Bot(), Snapshots.WithBot(b => b with { IsActive = false }), RequirementProblemCodes.BotInactive, "$.reply" },
        { "bot unpublished", Definitions.Bot(), Snapshots.WithBot(b => b with { IsPublished = false }), RequirementProblemCodes.BotNotPublished, "$.reply" },
        { "bot of another brand", Definitions.Bot(), Snapshots.WithBot(b => b with { BrandId = "other" }), RequirementProblemCodes.BotBrandMismatch, "$.reply" },
        { "answer unpublished", Definitions.Bot(), Snapshots.WithBot(b => b with { PublishedAnswerIds = ["answer2"] }), RequirementProblemCodes.AnswerNotPublished, "$.reply.answerId" },
        { "answer of no bot", Definitions.Bot(answer: "unknown"), Snapshots.Healthy, RequirementProblemCodes.AnswerNotPublished, "$.reply.answerId" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Check_WhenARequirementFails_ReportsItsCodePathAndMessage(string situation, MessageDefinition definition, WorkspaceSnapshot snapshot, string code, string path)
    {
        var problems = PublishRequirements.Check(definition, snapshot);

        var problem = Assert.Single(problems);
        Assert.Equal((code, path, ProblemKind.Unmet), (problem.Code, problem.Path, problem.Kind));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message), situation);
    }

    [Theory]
    [InlineData(Snapshots.WebChannel)]
    [InlineData(Snapshots.AppChannel)]
    public void Check_AgentReplyOnAWidgetOrSdkChannel_HasNoProblem(string channel) =>
        Assert.Empty(PublishRequirements.Check(Definitions.Agent(channel: channel), Snapshots.Healthy));

    [Fact]
    public void Check_BotReplyWithThePublishedAnswerOfTheChannelsBot_HasNoProblem() =>
        Assert.Empty(PublishRequirements.Check(Definitions.Bot(), Snapshots.Healthy));

    [Fact]
    public void Check_BusinessHoursOnAChannelWithItsOwnSchedule_NeedsNoWorkspaceDefault() =>
        Assert.Empty(PublishRequirements.Check(Definitions.Agent(channel: Snapshots.AppChannel) with { Timing = MessageTiming.OutsideBusinessHours }, Snapshots.Healthy with { DefaultScheduleId = null }));

    [Fact]
    public void Check_WithoutAnyWidgetOrSdkChannel_ReportsTheWorkspaceAndTheChannel()
    {
        var snapshot = Snapshots.Healthy with { Channels = [new ChannelInfo(Snapshots.SocialChannel, ChannelKind.Social)] };

        var codes = PublishRequirements.Check(Definitions.Agent(), snapshot).Select(p => p.Code);

        Assert.Equal([RequirementProblemCodes.NoMessagingChannel, RequirementProblemCodes.ChannelNotFound], codes);
    }

    [Fact]
    public void Check_WhenManyThingsFail_ListsEveryProblemAtOnce()
    {
        var snapshot = Snapshots.WithBot(b => b with { IsActive = false, IsPublished = false, IsThirdParty = true, PublishedAnswerIds = [] }) with { MessagingActive = false, AgentWorkspaceActive = false };

        var codes = PublishRequirements.Check(Definitions.Bot(), snapshot).Select(p => p.Code);

        Assert.Equal(
            [
                RequirementProblemCodes.AgentWorkspaceInactive,
                RequirementProblemCodes.MessagingInactive,
                RequirementProblemCodes.BotThirdParty,
                RequirementProblemCodes.BotInactive,
                RequirementProblemCodes.BotNotPublished,
                RequirementProblemCodes.AnswerNotPublished,
            ],
            codes);
    }

    [Fact]
    public void Check_AnIncompleteDraft_ListsItsIncompleteProblemsWithTheUnmetOnes()
    {
        var problems = PublishRequirements.Check(Definitions.Incomplete(), Snapshots.Healthy with { MessagingActive = false });

        Assert.Contains(problems, p => p.Code == ModelProblemCodes.ChannelRequired && p.Kind == ProblemKind.Incomplete);
        Assert.Contains(problems, p => p.Code == ModelProblemCodes.TextRequired && p.Kind == ProblemKind.Incomplete);
        Assert.Contains(problems, p => p.Code == RequirementProblemCodes.MessagingInactive && p.Kind == ProblemKind.Unmet);
        Assert.DoesNotContain(problems, p => p.Code == RequirementProblemCodes.ChannelNotFound);
    }

    [Fact]
    public void CheckRequirements_LeavesValidationOut() =>
        Assert.Empty(PublishRequirements.CheckRequirements(Definitions.Incomplete(), Snapshots.Healthy));
}
