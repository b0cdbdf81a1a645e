using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>
/// The three Drafts a new workspace starts with. They are incomplete on purpose: no channel is
/// chosen, so an administrator must pick one (and check the texts) before publishing.
/// </summary>
internal static class MessagePresets
{
    public static ImmutableArray<MessageDefinition> Definitions { get; } =
    [
        new MessageDefinition
        {
            Name = "Help on the checkout page",
            Reply = new AgentReply("Questions about your order? We are here to help.")
            {
                AskForName = true,
                FollowUp = "Thanks! An agent will be with you shortly.",
            },
            Rules = new MessageRules
            {
                Conditions = ConditionGroup.All(
                    new Condition("page.url", ConditionOperator.Contains, "/checkout"),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 30)),
                Tags = ["checkout-help"],
            },
            Timing = MessageTiming.BusinessHours,
            Frequency = MessageFrequency.OncePerVisit,
        },
        new MessageDefinition
        {
            Name = "Welcome back returning visitors",
            Reply = new AgentReply("Welcome back! Anything we can help you with today?"),
            Rules = new MessageRules
            {
                Conditions = ConditionGroup.All(new Condition("visitor.isReturning", ConditionOperator.IsTrue)),
            },
            Timing = MessageTiming.Anytime,
            Frequency = MessageFrequency.OncePerVisit,
        },
        new MessageDefinition
        {
            Name = "Announcement on the pricing page",
            Reply = new AgentReply("New: yearly plans now include two months free. Ask us how."),
            Rules = new MessageRules
            {
                Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/pricing")),
            },
            Timing = MessageTiming.Anytime,
            Frequency = MessageFrequency.Once,
        },
    ];

    /// <summary>Creates the preset Drafts with fresh ids, leaving out any that the validator's limits refuse.</summary>
    public static ImmutableArray<ProactiveMessage> Create(Func<string> newId, Instant now, MessageValidator validator)
    {
        var messages = ImmutableArray.CreateBuilder<ProactiveMessage>(Definitions.Length);
        foreach (var definition in Definitions)
        {
            // A host may set limits below a preset's sizes (a short name bound): a preset that
            // cannot be saved under them is left out rather than failing the workspace's first access.
            if (validator.Validate(definition).Succeeded)
            {
                messages.Add(ProactiveMessage.CreateDraft(newId(), definition, now, validator).GetValueOrThrow());
            }
        }

        return messages.ToImmutable();
    }
}
