using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// The example payloads in <c>docs/examples/</c>, one set per released format version, keep
/// reading, and each is in the canonical form: reading it and writing it again gives its bytes.
/// </summary>
public sealed class GoldenFileTests
{
    internal static readonly string ExamplesDirectory = Path.Combine(AppContext.BaseDirectory, "docs", "examples");

    public static TheoryData<string> MessageExamples() => Examples("message-*.json");

    public static TheoryData<string> CatalogExamples() => Examples("catalog*.json");

    internal static TheoryData<string> Examples(string pattern) =>
        [.. Directory.GetFiles(ExamplesDirectory, pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Examples_OfVersion1_AreAllPresent() =>
        Assert.Equal(
            ["catalog-declared-fields.json", "catalog.json", "message-agent.json", "message-bot.json", "message-draft-incomplete.json", "message-error.json", "message-experiment.json", "message-window.json", "workspace.json"],
            Directory.GetFiles(ExamplesDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(MessageExamples))]
    public void MessageExample_ReadThenWritten_GivesTheSameBytes(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ExamplesDirectory, file));

        var result = MessageJson.ReadMessage(bytes);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), MessageJson.WriteMessage(result.Value));
        Assert.Equal(bytes, MessageJson.WriteMessageUtf8(result.Value));
    }

    [Theory]
    [MemberData(nameof(CatalogExamples))]
    public void CatalogExample_ReadThenWritten_GivesTheSameBytes(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ExamplesDirectory, file));

        var result = MessageJson.ReadCatalog(bytes);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), MessageJson.WriteCatalog(result.Value));
        Assert.Equal(bytes, MessageJson.WriteCatalogUtf8(result.Value));
    }

    [Fact]
    public void WindowExample_IsALiveMessageWithADateStartAndAnInstantEnd()
    {
        var message = Read("message-window.json");

        Assert.Equal(MessageStatus.Live, message.Status);
        Assert.Equal(
            new CampaignWindow { Start = CampaignBound.OnDate(new NodaTime.LocalDate(2026, 11, 27)), End = CampaignBound.At(NodaTime.Instant.FromUtc(2026, 12, 1, 8, 0)) },
            message.Window);
    }

    [Fact]
    public void ExperimentExample_IsALiveMessageWithARolloutThreeVariantsAHoldoutAndAPageGoal()
    {
        var message = Read("message-experiment.json");

        Assert.Equal(MessageStatus.Live, message.Status);
        var experiment = message.Experiment!;
        Assert.Equal(50m, experiment.RolloutPercent);
        Assert.Equal(["help", "questions", "agent"], experiment.Variants.Select(v => v.Id));
        Assert.Equal(100m, experiment.Variants.Sum(v => v.Weight));
        Assert.Equal(10m, experiment.HoldoutPercent);
        Assert.Equal("page.path", experiment.Goal!.Page!.Field);
        Assert.Equal(NodaTime.Duration.FromDays(3), experiment.Goal.Window);
    }

    [Fact]
    public void AgentExample_IsALiveAgentMessageWithVariantsAndFollowUp()
    {
        var message = Read("message-agent.json");

        Assert.Equal(MessageStatus.Live, message.Status);
        var reply = Assert.IsType<AgentReply>(message.Reply);
        Assert.Equal("Precisa de ajuda para pagar?", reply.Text.Resolve("pt-BR"));
        Assert.NotNull(reply.FollowUp);
    }

    [Fact]
    public void BotExample_IsAPausedBotMessageWithANestedTree()
    {
        var message = Read("message-bot.json");

        Assert.Equal(MessageStatus.Paused, message.Status);
        Assert.Equal("answer-pricing", Assert.IsType<BotReply>(message.Reply).AnswerId);
        Assert.Contains(message.Rules.Conditions!.Items, item => item is ProactiveMessaging.Conditions.ConditionGroup);
    }

    [Fact]
    public void DraftExample_IsIncompleteWithoutChannelAndText()
    {
        var message = Read("message-draft-incomplete.json");

        Assert.Equal(MessageStatus.Draft, message.Status);
        Assert.Null(message.ChannelId);
        Assert.Equal(string.Empty, message.Reply.Text.Default);
        var problems = MessageValidator.Default.Validate(message.Definition).Problems;
        Assert.Equal(["$.channelId", "$.reply.text.default"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal(ProblemKind.Incomplete, p.Kind));
    }

    [Fact]
    public void ErrorExample_ListsItsProblems()
    {
        var message = Read("message-error.json");

        Assert.Equal(MessageStatus.Error, message.Status);
        Assert.Equal(["$.channelId", "$.reply.answerId"], message.Problems.Select(p => p.Path));
    }

    [Fact]
    public void CatalogExample_HoldsTheWorkspaceAndSeveralMessages()
    {
        var catalog = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(ExamplesDirectory, "catalog.json"))).GetValueOrThrow();

        Assert.Equal("acme", catalog.Workspace.Id);
        Assert.Equal([MessageStatus.Live, MessageStatus.Paused, MessageStatus.Draft], catalog.Messages.Select(m => m.Status));
    }

    [Fact]
    public void DeclaredFieldsExample_IsSelfContained()
    {
        var catalog = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(ExamplesDirectory, "catalog-declared-fields.json"))).GetValueOrThrow();

        Assert.Equal(
            Enum.GetValues<ProactiveMessaging.Conditions.FieldType>(),
            catalog.Workspace.CustomAttributes.Select(a => a.Type).Distinct().Order());
        Assert.Equal(["addedToCart", "couponApplied", "checkoutStarted"], catalog.Workspace.Events);
        Assert.Equal([MessageStatus.Live, MessageStatus.Paused, MessageStatus.Draft], catalog.Messages.Select(m => m.Status));
        var fields = catalog.Workspace.ExtendFields(ProactiveMessaging.Conditions.FieldCatalog.Default).GetValueOrThrow();
        var compiler = new ProactiveMessaging.Conditions.ConditionCompiler(fields: fields);
        Assert.All(catalog.Messages, m => Assert.True(compiler.Compile(m.Rules.Conditions!).Succeeded));
    }

    [Fact]
    public void ExamplesWithoutDeclarations_DeclareNothing()
    {
        var catalog = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(ExamplesDirectory, "catalog.json"))).GetValueOrThrow();

        Assert.Empty(catalog.Workspace.CustomAttributes);
        Assert.Empty(catalog.Workspace.Events);
    }

    private static ProactiveMessage Read(string file) =>
        MessageJson.ReadMessage(File.ReadAllBytes(Path.Combine(ExamplesDirectory, file))).GetValueOrThrow();
}
