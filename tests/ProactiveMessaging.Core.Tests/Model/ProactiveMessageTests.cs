using NodaTime;
using ProactiveMessaging.Model;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Model;

public sealed class ProactiveMessageTests
{
    private static readonly Instant CreatedAt = Instant.FromUtc(2026, 11, 25, 8, 0);

    [Fact]
    public void CreateDraft_CompleteDefinition_IsAVersion1DraftWithZeroMetricsAndNoProblem()
    {
        var result = ProactiveMessage.CreateDraft("checkout-help", Complete(), CreatedAt);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
        var message = result.Value;
        Assert.Equal("checkout-help", message.Id);
        Assert.Equal(MessageStatus.Draft, message.Status);
        Assert.Equal(1, message.Version);
        Assert.Equal(MessageMetrics.Zero, message.Metrics);
        Assert.Equal(CreatedAt, message.UpdatedAt);
        Assert.Null(message.PublishedAt);
        Assert.Empty(message.Problems);
        Assert.Equal(Complete(), message.Definition);
    }

    [Fact]
    public void CreateDraft_Definition_IsExposedThroughTheMessage()
    {
        var message = ProactiveMessage.CreateDraft("checkout-help", Complete() with { Priority = 7 }, CreatedAt).GetValueOrThrow();

        Assert.Equal(
            ("Checkout help", "web-main", MessageTiming.BusinessHours, MessageFrequency.OncePerVisit, 7),
            (message.Name, message.ChannelId, message.Timing, message.Frequency, message.Priority));
        Assert.Same(message.Definition.Reply, message.Reply);
        Assert.Same(message.Definition.Rules, message.Rules);
    }

    [Fact]
    public void CreateDraft_IncompleteDefinition_ReturnsTheDraftWithItsIncompleteProblems()
    {
        var definition = Complete() with { ChannelId = null, Reply = new AgentReply(LocalizedText.Empty) };

        var result = ProactiveMessage.CreateDraft("draft-1", definition, CreatedAt);

        Assert.True(result.Succeeded);
        Assert.Equal(MessageStatus.Draft, result.Value.Status);
        Assert.Empty(result.Value.Problems);
        Assert.Equal(2, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ChannelRequired, "$.channelId", ProblemKind.Incomplete);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TextRequired, "$.reply.text.default", ProblemKind.Incomplete);
    }

    [Fact]
    public void CreateDraft_EmptyDefinition_IsSavedAsADraft()
    {
        var result = ProactiveMessage.CreateDraft("preset-1", new MessageDefinition(), CreatedAt);

        Assert.True(result.Succeeded);
        Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Incomplete, p.Kind));
    }

    [Fact]
    public void CreateDraft_MalformedDefinition_IsRefusedWithEveryProblem()
    {
        var definition = Complete() with { ChannelId = null, Reply = new AgentReply($"Hi {ThumbsUp}"), Rules = Complete().Rules with { Tags = ["bad tag"] } };

        var result = ProactiveMessage.CreateDraft("draft-1", definition, CreatedAt);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(3, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TextEmoji, "$.reply.text.default", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TagInvalid, "$.rules.tags[0]", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ChannelRequired, "$.channelId", ProblemKind.Incomplete);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünicode")]
    [InlineData("System.Object, mscorlib")]
    public void CreateDraft_MalformedId_IsRefusedWithIdInvalidAtId(string id)
    {
        var result = ProactiveMessage.CreateDraft(id, Complete(), CreatedAt);

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.IdInvalid, ProblemKind.Malformed, "$.id");
    }

    [Fact]
    public void CreateDraft_NullId_IsRefusedWithIdInvalid()
    {
        var result = ProactiveMessage.CreateDraft(null!, Complete(), CreatedAt);

        ProblemAssert.Single(result.Problems, ModelProblemCodes.IdInvalid, ProblemKind.Malformed, "$.id");
    }

    [Fact]
    public void CreateDraft_IdOf64Characters_IsAccepted()
    {
        Assert.True(ProactiveMessage.CreateDraft(new string('i', 64), Complete(), CreatedAt).Succeeded);
        Assert.False(ProactiveMessage.CreateDraft(new string('i', 65), Complete(), CreatedAt).Succeeded);
    }

    [Fact]
    public void CreateDraft_MalformedIdAndDefinition_ReportsBoth()
    {
        var result = ProactiveMessage.CreateDraft("a b", Complete() with { ChannelId = "c d" }, CreatedAt);

        Assert.Equal(["$.id", "$.channelId"], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void CreateDraft_Definition_IsNormalised()
    {
        var definition = Complete() with { Name = "  Checkout help  ", Rules = Complete().Rules with { Tags = ["VIP", "vip", "sales"] } };

        var message = ProactiveMessage.CreateDraft("draft-1", definition, CreatedAt).GetValueOrThrow();

        Assert.Equal("Checkout help", message.Name);
        Assert.Equal(["VIP", "sales"], message.Rules.Tags);
    }

    [Fact]
    public void CreateDraft_WithValidator_AppliesItsLimits()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxNameLength = 4 });

        var result = ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt, validator);

        ProblemAssert.Single(result.Problems, ModelProblemCodes.NameTooLong, ProblemKind.Malformed, "$.name");
    }

    [Fact]
    public void CreateDraft_NullDefinition_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ProactiveMessage.CreateDraft("draft-1", null!, CreatedAt));

    [Fact]
    public void Equals_SameContent_AreEqual()
    {
        var a = ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt).GetValueOrThrow();
        var b = ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt).GetValueOrThrow();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentIdOrInstantOrDefinition_AreNotEqual()
    {
        var a = ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt).GetValueOrThrow();

        Assert.NotEqual(a, ProactiveMessage.CreateDraft("draft-2", Complete(), CreatedAt).GetValueOrThrow());
        Assert.NotEqual(a, ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt + Duration.FromTicks(1)).GetValueOrThrow());
        Assert.NotEqual(a, ProactiveMessage.CreateDraft("draft-1", Complete() with { Priority = 1 }, CreatedAt).GetValueOrThrow());
    }

    [Fact]
    public void ToString_NamesIdNameAndStatus() =>
        Assert.Equal("draft-1 \"Checkout help\" (Draft)", ProactiveMessage.CreateDraft("draft-1", Complete(), CreatedAt).GetValueOrThrow().ToString());
}
