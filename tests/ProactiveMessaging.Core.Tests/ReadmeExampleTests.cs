using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests;

/// <summary>The README's example, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_CreatesADraftThatRoundTripsThroughJson()
    {
        var draft = ProactiveMessage.CreateDraft("checkout-help", new MessageDefinition
        {
            Name = "Help on the checkout page",
            ChannelId = "web-store",
            Reply = new AgentReply("Need help paying?") { AskForEmail = true, FollowUp = "Thanks, an agent is on the way." },
            Rules = new MessageRules
            {
                Conditions = ConditionGroup.All(
                    new Condition("page.path", ConditionOperator.StartsWith, "/checkout"),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 30)),
                Tags = ["checkout"],
            },
            Timing = MessageTiming.BusinessHours,
            Frequency = MessageFrequency.OncePerVisit,
        }, Instant.FromUtc(2026, 11, 25, 8, 0));

        Assert.True(draft.TryGetValue(out var message), string.Join("\n", draft.Problems));
        Assert.Empty(draft.Problems);
        var read = MessageJson.ReadMessage(MessageJson.WriteMessage(message));
        Assert.Equal(message, read.Value);
    }
}
