using ProactiveMessaging.Model;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Model;

public sealed class MessageValidatorTests
{
    private static readonly MessageValidator Validator = MessageValidator.Default;

    // --- A complete definition

    [Fact]
    public void Validate_CompleteDefinition_SucceedsWithNoProblem()
    {
        var result = Validator.Validate(Complete());

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
        Assert.Equal(Complete(), result.Value);
    }

    [Fact]
    public void Validate_NormalisedDefinition_ReturnsTheSameInstance()
    {
        var definition = Complete();

        Assert.Same(definition, Validator.Validate(definition).Value);
    }

    // --- Name

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t \u00A0")]
    public void Validate_NameEmptyOrBlank_ReportsNameRequiredAsIncomplete(string name)
    {
        var result = Validator.Validate(Complete() with { Name = name });

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.NameRequired, ProblemKind.Incomplete, "$.name");
    }

    [Fact]
    public void Validate_NameWithSurroundingSpaces_IsTrimmed()
    {
        var result = Validator.Validate(Complete() with { Name = "  Checkout help \t" });

        Assert.Empty(result.Problems);
        Assert.Equal("Checkout help", result.Value!.Name);
    }

    [Fact]
    public void Validate_NameAtTheDefaultBound_Succeeds()
    {
        var result = Validator.Validate(Complete() with { Name = new string('n', MessageValidationDefaults.MaxNameLength) });

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_NameAtTheBoundAfterTrimming_Succeeds()
    {
        var result = Validator.Validate(Complete() with { Name = "  " + new string('n', MessageValidationDefaults.MaxNameLength) + "  " });

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_NameOverTheDefaultBound_ReportsNameTooLongAtName()
    {
        var result = Validator.Validate(Complete() with { Name = new string('n', MessageValidationDefaults.MaxNameLength + 1) });

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.NameTooLong, ProblemKind.Malformed, "$.name");
    }

    [Fact]
    public void Validate_NameOverTheBoundFromOptions_ReportsNameTooLong()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxNameLength = 5 });

        Assert.Empty(validator.Validate(Complete() with { Name = "Hello" }).Problems);
        ProblemAssert.Single(validator.Validate(Complete() with { Name = "Hello!" }).Problems, ModelProblemCodes.NameTooLong, ProblemKind.Malformed, "$.name");
    }

    [Theory]
    [InlineData("Checkout\nhelp")]
    [InlineData("Checkout\rhelp")]
    [InlineData("Checkout\thelp")]
    [InlineData("Checkout\u0000help")]
    [InlineData("Checkout\u007Fhelp")]
    [InlineData("Checkout\u0085help")]
    public void Validate_NameWithControlCharacter_ReportsNameInvalid(string name)
    {
        var result = Validator.Validate(Complete() with { Name = name });

        ProblemAssert.Single(result.Problems, ModelProblemCodes.NameInvalid, ProblemKind.Malformed, "$.name");
    }

    // --- Channel

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_NoChannel_ReportsChannelRequiredAsIncomplete(string? channelId)
    {
        var result = Validator.Validate(Complete() with { ChannelId = channelId });

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ChannelRequired, ProblemKind.Incomplete, "$.channelId");
    }

    [Theory]
    [InlineData("web main")]
    [InlineData("web/main")]
    [InlineData("wéb")]
    [InlineData("web-main,sdk-ios")]
    public void Validate_MalformedChannelId_ReportsChannelInvalid(string channelId)
    {
        var result = Validator.Validate(Complete() with { ChannelId = channelId });

        ProblemAssert.Single(result.Problems, ModelProblemCodes.ChannelInvalid, ProblemKind.Malformed, "$.channelId");
    }

    [Fact]
    public void Validate_ChannelIdOver64Characters_ReportsChannelInvalid()
    {
        Assert.Empty(Validator.Validate(Complete() with { ChannelId = new string('c', 64) }).Problems);
        ProblemAssert.Single(Validator.Validate(Complete() with { ChannelId = new string('c', 65) }).Problems, ModelProblemCodes.ChannelInvalid, ProblemKind.Malformed, "$.channelId");
    }

    [Fact]
    public void Validate_ChannelIdWithEveryAllowedCharacter_Succeeds() =>
        Assert.Empty(Validator.Validate(Complete() with { ChannelId = "Web_main-2.sdk:ios" }).Problems);

    // --- Agent reply text

    [Fact]
    public void Validate_AgentTextEmpty_ReportsTextRequiredAsIncompleteAtReplyTextDefault()
    {
        var result = Validator.Validate(WithReply(new AgentReply(LocalizedText.Empty)));

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextRequired, ProblemKind.Incomplete, "$.reply.text.default");
    }

    [Fact]
    public void Validate_AgentTextWithEmoji_ReportsTextEmojiAtReplyTextDefault()
    {
        var result = Validator.Validate(WithReply(new AgentReply($"Need help paying? {ThumbsUp}")));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.reply.text.default");
    }

    [Fact]
    public void Validate_AgentTextAtTheDefaultBound_Succeeds() =>
        Assert.Empty(Validator.Validate(WithReply(new AgentReply(new string('t', MessageValidationDefaults.MaxTextLength)))).Problems);

    [Fact]
    public void Validate_AgentTextOverTheDefaultBound_ReportsTextTooLong()
    {
        var result = Validator.Validate(WithReply(new AgentReply(new string('t', MessageValidationDefaults.MaxTextLength + 1))));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.reply.text.default");
    }

    [Fact]
    public void Validate_TextOverTheBoundFromOptions_ReportsTextTooLong()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxTextLength = 10 });

        Assert.Empty(validator.Validate(WithReply(new AgentReply("0123456789"))).Problems);
        ProblemAssert.Single(validator.Validate(WithReply(new AgentReply("0123456789!"))).Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.reply.text.default");
    }

    [Theory]
    [InlineData("Hi\u0000there")]
    [InlineData("Hi\rthere")]
    [InlineData("Hi\u001Bthere")]
    public void Validate_TextWithControlCharacter_ReportsTextControlCharacter(string text)
    {
        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextControlCharacter, ProblemKind.Malformed, "$.reply.text.default");
    }

    [Fact]
    public void Validate_TextWithLineBreakAndTab_Succeeds() =>
        Assert.Empty(Validator.Validate(WithReply(new AgentReply("Need help?\n\tWe are here."))).Problems);

    // --- Language variants (each validated like the default)

    [Fact]
    public void Validate_AgentVariantWithEmoji_ReportsTextEmojiAtTheVariant()
    {
        var text = new LocalizedText("Need help?", [new("pt-BR", $"Precisa de ajuda? {ThumbsUp}")]);

        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.reply.text.variants['pt-BR']");
    }

    [Fact]
    public void Validate_VariantOverTheBound_ReportsTextTooLongAtTheVariant()
    {
        var text = new LocalizedText("Need help?", [new("de", new string('t', MessageValidationDefaults.MaxTextLength + 1))]);

        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.reply.text.variants['de']");
    }

    [Fact]
    public void Validate_VariantWithControlCharacter_ReportsTextControlCharacterAtTheVariant()
    {
        var text = new LocalizedText("Need help?", [new("de", "Hilfe\u0007")]);

        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextControlCharacter, ProblemKind.Malformed, "$.reply.text.variants['de']");
    }

    [Theory]
    [InlineData("portuguese")]
    [InlineData("p")]
    [InlineData("pt_BR")]
    [InlineData("pt-")]
    [InlineData("pt--BR")]
    [InlineData("pt-BRAZILIAN")]
    [InlineData("12-BR")]
    [InlineData("")]
    public void Validate_VariantWithMalformedLanguageTag_ReportsVariantLanguageInvalid(string tag)
    {
        var text = new LocalizedText("Need help?", [new(tag, "Ajuda?")]);

        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.VariantLanguageInvalid, ProblemKind.Malformed, $"$.reply.text.variants['{tag}']");
    }

    [Theory]
    [InlineData("pt")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    [InlineData("gsw")]
    public void Validate_VariantWithWellFormedLanguageTag_Succeeds(string tag)
    {
        var text = new LocalizedText("Need help?", [new(tag, "Ajuda?")]);

        Assert.Empty(Validator.Validate(WithReply(new AgentReply(text))).Problems);
    }

    [Fact]
    public void Validate_VariantWithEmptyText_ReportsVariantEmpty()
    {
        var text = new LocalizedText("Need help?", [new("pt-BR", "")]);

        var result = Validator.Validate(WithReply(new AgentReply(text)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.VariantEmpty, ProblemKind.Malformed, "$.reply.text.variants['pt-BR']");
    }

    [Fact]
    public void Validate_MoreVariantsThanTheBoundFromOptions_ReportsVariantsTooMany()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxTextVariants = 2 });
        var two = new LocalizedText("Hi", [new("de", "Hallo"), new("fr", "Salut")]);
        var three = new LocalizedText("Hi", [new("de", "Hallo"), new("fr", "Salut"), new("pt", "Oi")]);

        Assert.Empty(validator.Validate(WithReply(new AgentReply(two))).Problems);
        ProblemAssert.Single(validator.Validate(WithReply(new AgentReply(three))).Problems, ModelProblemCodes.VariantsTooMany, ProblemKind.Malformed, "$.reply.text.variants");
    }

    // --- Agent reply: asking for name or email, and the follow-up

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Validate_AgentAsksWithoutFollowUp_ReportsFollowUpRequiredAsIncomplete(bool name, bool email)
    {
        var result = Validator.Validate(WithReply(new AgentReply("Need help?") { AskForName = name, AskForEmail = email }));

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.FollowUpRequired, ProblemKind.Incomplete, "$.reply.followUp");
    }

    [Fact]
    public void Validate_AgentAsksWithEmptyFollowUp_ReportsFollowUpAndItsTextRequired()
    {
        var result = Validator.Validate(WithReply(new AgentReply("Need help?") { AskForEmail = true, FollowUp = LocalizedText.Empty }));

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.FollowUpRequired, "$.reply.followUp", ProblemKind.Incomplete);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TextRequired, "$.reply.followUp.default", ProblemKind.Incomplete);
    }

    [Fact]
    public void Validate_AgentAsksWithFollowUp_Succeeds()
    {
        var reply = new AgentReply("Need help?") { AskForName = true, AskForEmail = true, FollowUp = "Thanks! An agent will join you." };

        Assert.Empty(Validator.Validate(WithReply(reply)).Problems);
    }

    [Fact]
    public void Validate_FollowUpWithoutAsking_ReportsFollowUpUnused()
    {
        var result = Validator.Validate(WithReply(new AgentReply("Need help?") { FollowUp = "Thanks!" }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.FollowUpUnused, ProblemKind.Malformed, "$.reply.followUp");
    }

    [Fact]
    public void Validate_FollowUpWithEmoji_ReportsTextEmojiAtFollowUpDefault()
    {
        var reply = new AgentReply("Need help?") { AskForName = true, FollowUp = $"Thanks {ThumbsUp}" };

        var result = Validator.Validate(WithReply(reply));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.reply.followUp.default");
    }

    [Fact]
    public void Validate_FollowUpVariantWithEmoji_ReportsTextEmojiAtTheFollowUpVariant()
    {
        var reply = new AgentReply("Need help?") { AskForName = true, FollowUp = new LocalizedText("Thanks", [new("de", $"Danke {ThumbsUp}")]) };

        var result = Validator.Validate(WithReply(reply));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.reply.followUp.variants['de']");
    }

    [Fact]
    public void Validate_FollowUpOverTheBound_ReportsTextTooLongAtFollowUpDefault()
    {
        var reply = new AgentReply("Need help?") { AskForName = true, FollowUp = new string('f', MessageValidationDefaults.MaxTextLength + 1) };

        var result = Validator.Validate(WithReply(reply));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.reply.followUp.default");
    }

    // --- Bot reply

    [Fact]
    public void Validate_BotTextWithEmoji_Succeeds()
    {
        var result = Validator.Validate(WithReply(new BotReply($"Hi {ThumbsUp} \U0001F600 ask me anything", "answer-42")));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_BotTextEmpty_ReportsTextRequiredAsIncomplete()
    {
        var result = Validator.Validate(WithReply(new BotReply(LocalizedText.Empty, "answer-42")));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextRequired, ProblemKind.Incomplete, "$.reply.text.default");
    }

    [Fact]
    public void Validate_BotTextOverTheBound_ReportsTextTooLong()
    {
        var result = Validator.Validate(WithReply(new BotReply(new string('b', MessageValidationDefaults.MaxTextLength + 1), "answer-42")));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.reply.text.default");
    }

    [Fact]
    public void Validate_BotWithoutAnswer_ReportsAnswerRequiredAsIncomplete()
    {
        var result = Validator.Validate(WithReply(new BotReply("Hi!", "")));

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.BotAnswerRequired, ProblemKind.Incomplete, "$.reply.answerId");
    }

    [Theory]
    [InlineData("answer 42")]
    [InlineData("answer/42")]
    [InlineData("System.Object, System.Private.CoreLib")]
    public void Validate_BotWithMalformedAnswerId_ReportsAnswerInvalid(string answerId)
    {
        var result = Validator.Validate(WithReply(new BotReply("Hi!", answerId)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.BotAnswerInvalid, ProblemKind.Malformed, "$.reply.answerId");
    }

    // --- Ticket tags

    [Theory]
    [InlineData("vip")]
    [InlineData("a_b-c:d/e.f")]
    [InlineData("café")]
    [InlineData("Ticket42")]
    [InlineData("日本")]
    public void Validate_TagWithAllowedCharacters_Succeeds(string tag) =>
        Assert.Empty(Validator.Validate(WithTags("checkout", tag)).Problems);

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("comma,tag")]
    [InlineData("hash#tag")]
    [InlineData("tab\ttag")]
    [InlineData("emoji" + ThumbsUp)]
    public void Validate_TagWithBadSyntax_ReportsTagInvalidAtItsIndex(string tag)
    {
        var result = Validator.Validate(WithTags("checkout", tag));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.TagInvalid, ProblemKind.Malformed, "$.rules.tags[1]");
    }

    [Fact]
    public void Validate_TagAtTheDefaultBound_Succeeds() =>
        Assert.Empty(Validator.Validate(WithTags(new string('t', MessageValidationDefaults.MaxTagLength))).Problems);

    [Fact]
    public void Validate_TagOverTheDefaultBound_ReportsTagTooLongAtItsIndex()
    {
        var result = Validator.Validate(WithTags("a", "b", "c", new string('t', MessageValidationDefaults.MaxTagLength + 1)));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TagTooLong, ProblemKind.Malformed, "$.rules.tags[3]");
    }

    [Fact]
    public void Validate_TagOverTheBoundFromOptions_ReportsTagTooLong()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxTagLength = 3 });

        Assert.Empty(validator.Validate(WithTags("vip")).Problems);
        ProblemAssert.Single(validator.Validate(WithTags("vips")).Problems, ModelProblemCodes.TagTooLong, ProblemKind.Malformed, "$.rules.tags[0]");
    }

    [Fact]
    public void Validate_DuplicateTagsIgnoringCase_KeepsTheFirstSpellingInOrder()
    {
        var result = Validator.Validate(WithTags("Checkout", "vip", "CHECKOUT", "sales", "VIP", "checkout"));

        Assert.Empty(result.Problems);
        Assert.Equal(["Checkout", "vip", "sales"], result.Value!.Rules.Tags);
    }

    [Fact]
    public void Validate_MoreDistinctTagsThanTheDefaultBound_ReportsTagsTooMany()
    {
        var tags = Enumerable.Range(0, MessageValidationDefaults.MaxTags + 1).Select(i => $"tag{i}").ToArray();

        var result = Validator.Validate(WithTags(tags));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TagsTooMany, ProblemKind.Malformed, "$.rules.tags");
    }

    [Fact]
    public void Validate_TagsOverTheBoundOnlyWithDuplicates_CountsDistinctTags()
    {
        var tags = Enumerable.Range(0, MessageValidationDefaults.MaxTags).Select(i => $"tag{i}").Append("TAG0").ToArray();

        var result = Validator.Validate(WithTags(tags));

        Assert.Empty(result.Problems);
        Assert.Equal(MessageValidationDefaults.MaxTags, result.Value!.Rules.Tags.Length);
    }

    [Fact]
    public void Validate_MoreTagsThanTheBoundFromOptions_ReportsTagsTooMany()
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxTags = 2 });

        Assert.Empty(validator.Validate(WithTags("a", "b")).Problems);
        ProblemAssert.Single(validator.Validate(WithTags("a", "b", "c")).Problems, ModelProblemCodes.TagsTooMany, ProblemKind.Malformed, "$.rules.tags");
    }

    // --- Conditions present, timing and frequency

    [Fact]
    public void Validate_NoConditions_ReportsConditionsRequiredAsIncomplete()
    {
        var result = Validator.Validate(WithConditions(null));

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ConditionsRequired, ProblemKind.Incomplete, "$.rules.conditions");
    }

    [Fact]
    public void Validate_UndefinedTiming_ReportsValueUnknownAtTiming()
    {
        var result = Validator.Validate(Complete() with { Timing = (MessageTiming)42 });

        ProblemAssert.Single(result.Problems, ModelProblemCodes.EnumValueUnknown, ProblemKind.Malformed, "$.timing");
    }

    [Fact]
    public void Validate_UndefinedFrequency_ReportsValueUnknownAtFrequency()
    {
        var result = Validator.Validate(Complete() with { Frequency = (MessageFrequency)(-1) });

        ProblemAssert.Single(result.Problems, ModelProblemCodes.EnumValueUnknown, ProblemKind.Malformed, "$.frequency");
    }

    [Theory]
    [InlineData(MessageTiming.Anytime)]
    [InlineData(MessageTiming.BusinessHours)]
    [InlineData(MessageTiming.OutsideBusinessHours)]
    public void Validate_EveryTiming_Succeeds(MessageTiming timing) =>
        Assert.Empty(Validator.Validate(Complete() with { Timing = timing }).Problems);

    [Theory]
    [InlineData(MessageFrequency.Once)]
    [InlineData(MessageFrequency.OncePerVisit)]
    [InlineData(MessageFrequency.EveryTime)]
    public void Validate_EveryFrequency_Succeeds(MessageFrequency frequency) =>
        Assert.Empty(Validator.Validate(Complete() with { Frequency = frequency }).Problems);

    // --- Every problem at once

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var definition = new MessageDefinition
        {
            Name = new string('n', 101),
            ChannelId = null,
            Reply = new AgentReply($"Hi {ThumbsUp}") { FollowUp = "Thanks" },
            Rules = new MessageRules { Tags = ["ok", "not ok", new string('t', 81)] },
            Timing = (MessageTiming)9,
        };

        var result = Validator.Validate(definition);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(8, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.NameTooLong, "$.name", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ChannelRequired, "$.channelId", ProblemKind.Incomplete);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TextEmoji, "$.reply.text.default", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.FollowUpUnused, "$.reply.followUp", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TagInvalid, "$.rules.tags[1]", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.TagTooLong, "$.rules.tags[2]", ProblemKind.Malformed);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ConditionsRequired, "$.rules.conditions", ProblemKind.Incomplete);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.EnumValueUnknown, "$.timing", ProblemKind.Malformed);
    }

    [Fact]
    public void Validate_OnlyIncompleteProblems_SucceedsAndListsThemAll()
    {
        var result = Validator.Validate(new MessageDefinition());

        Assert.True(result.Succeeded);
        Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Incomplete, p.Kind));
        Assert.Equal(
            ["$.name", "$.channelId", "$.reply.text.default", "$.rules.conditions"],
            result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Validate_MalformedDefinition_ThrowsWhenAskedForTheValue()
    {
        var result = Validator.Validate(Complete() with { ChannelId = "a b" });

        var exception = Assert.Throws<InvalidInputException>(() => result.GetValueOrThrow());
        Assert.Contains(exception.Problems, p => p.Code == ModelProblemCodes.ChannelInvalid);
    }

    // --- Options

    [Theory]
    [InlineData(nameof(MessageValidationOptions.MaxNameLength))]
    [InlineData(nameof(MessageValidationOptions.MaxTextLength))]
    [InlineData(nameof(MessageValidationOptions.MaxTextVariants))]
    [InlineData(nameof(MessageValidationOptions.MaxTags))]
    [InlineData(nameof(MessageValidationOptions.MaxTagLength))]
    [InlineData(nameof(MessageValidationOptions.MaxConditionDepth))]
    [InlineData(nameof(MessageValidationOptions.MaxConditions))]
    public void Constructor_LimitNotPositive_Throws(string limit)
    {
        var options = new MessageValidationOptions();
        typeof(MessageValidationOptions).GetProperty(limit)!.SetValue(options, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageValidator(options));
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedConstants()
    {
        var options = new MessageValidationOptions();

        Assert.Equal(
            (100, 500, 50, 20, 80, 3, 30),
            (options.MaxNameLength, options.MaxTextLength, options.MaxTextVariants, options.MaxTags, options.MaxTagLength, options.MaxConditionDepth, options.MaxConditions));
    }
}
