using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

/// <summary>Definitions that tests start from and change one part of.</summary>
internal static class SampleDefinitions
{
    /// <summary>A clear emoji with the emoji presentation selector: an emoji under every reading of the Unicode data.</summary>
    public const string ThumbsUp = "\U0001F44D\uFE0F";

    public static Condition PageStartsWith(string path = "/checkout") => new("page.path", ConditionOperator.StartsWith, path);

    /// <summary>A complete, well-formed agent message definition: no problem at all.</summary>
    public static MessageDefinition Complete() => new()
    {
        Name = "Checkout help",
        ChannelId = "web-main",
        Reply = new AgentReply("Need help paying?"),
        Rules = new MessageRules
        {
            Conditions = ConditionGroup.All(PageStartsWith()),
            Tags = ["checkout"],
        },
        Timing = MessageTiming.BusinessHours,
        Frequency = MessageFrequency.OncePerVisit,
    };

    public static MessageDefinition WithReply(MessageReply reply) => Complete() with { Reply = reply };

    public static MessageDefinition WithTags(params string[] tags) => Complete() with { Rules = Complete().Rules with { Tags = [.. tags] } };

    public static MessageDefinition WithConditions(ConditionGroup? conditions) => Complete() with { Rules = Complete().Rules with { Conditions = conditions } };
}
