using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

/// <summary>Strings built in code can hold what no JSON document can: unpaired surrogates are refused on save.</summary>
public sealed class LoneSurrogateValidationTests
{
    // The texts are built here: a test runner may not carry an unpaired surrogate in its case data.
    [Theory]
    [InlineData("Help ", 0xD800, " now", 5)]
    [InlineData("", 0xDC00, "", 0)]
    [InlineData("ends high ", 0xD83D, "", 10)]
    [InlineData("low first ", 0xDE00, "\uD83D", 10)]
    public void Text_WithAnUnpairedSurrogate_IsMalformed_AtItsPath(string before, int surrogate, string after, int position)
    {
        var text = before + (char)surrogate + after;
        var result = MessageValidator.Default.Validate(new MessageDefinition { Name = "Help", Reply = new AgentReply(text) });

        var problem = Assert.Single(result.Problems, p => p.Code == ModelProblemCodes.TextInvalidUnicode);
        Assert.Equal("$.reply.text.default", problem.Path);
        Assert.Contains($"position {position}", problem.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Name_WithAnUnpairedSurrogate_IsInvalid()
    {
        var result = MessageValidator.Default.Validate(new MessageDefinition { Name = "Help " + (char)0xDFFF });

        Assert.Contains(result.Problems, p => p.Code == ModelProblemCodes.NameInvalid && p.Path == "$.name");
    }

    [Fact]
    public void BotText_WithAWellFormedPair_IsAccepted()
    {
        var result = MessageValidator.Default.Validate(new MessageDefinition { Name = "Hi", Reply = new BotReply("Hi \uD83D\uDE00", "answer-1") });

        Assert.DoesNotContain(result.Problems, p => p.Code == ModelProblemCodes.TextInvalidUnicode);
    }
}

/// <summary>Condition values built in code are held to the same rule as texts.</summary>
public sealed class LoneSurrogateConditionTests
{
    [Fact]
    public void ConditionText_WithAnUnpairedSurrogate_IsMalformed_AtItsPath()
    {
        var rules = ProactiveMessaging.Conditions.ConditionGroup.All(
            new ProactiveMessaging.Conditions.Condition("page.path", ProactiveMessaging.Conditions.ConditionOperator.StartsWith, "/a" + (char)0xD800));

        var result = MessageValidator.Default.Validate(new MessageDefinition { Name = "Help", Rules = new MessageRules { Conditions = rules } });

        Assert.Contains(result.Problems, p => p.Code == ProactiveMessaging.Conditions.ConditionProblemCodes.ValueInvalidUnicode && p.Path == "$.rules.conditions.all[0].value");
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void ConditionListItem_WithAnUnpairedSurrogate_IsMalformed_AtItsPath()
    {
        var rules = ProactiveMessaging.Conditions.ConditionGroup.All(
            new ProactiveMessaging.Conditions.Condition("page.path", ProactiveMessaging.Conditions.ConditionOperator.IsOneOf, ProactiveMessaging.Conditions.ConditionValue.FromList(["/a", "/b" + (char)0xDC00])));

        var result = MessageValidator.Default.Validate(new MessageDefinition { Name = "Help", Rules = new MessageRules { Conditions = rules } });

        Assert.Contains(result.Problems, p => p.Code == ProactiveMessaging.Conditions.ConditionProblemCodes.ValueInvalidUnicode && p.Path == "$.rules.conditions.all[0].value[1]");
    }
}
