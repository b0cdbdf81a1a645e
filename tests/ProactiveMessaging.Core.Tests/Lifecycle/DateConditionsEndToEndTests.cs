using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>
/// A message using every date operator publishes through the catalog, then decides and explains
/// through the engine, whose clock (not the host's) the relative forms are measured from.
/// </summary>
public sealed class DateConditionsEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private static readonly WorkspaceSnapshot Snapshot = EndToEndWorkspace.WebMain;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every date operator, on the example's declared instant and date attributes.</summary>
    private static readonly ConditionGroup Rules = ConditionGroup.All(
        new Condition("custom.signedUpAt", ConditionOperator.WithinLast, "P7D"),
        new Condition("custom.signedUpAt", ConditionOperator.After, "2026-01-01T00:00:00+01:00"),
        new Condition("custom.signedUpAt", ConditionOperator.Before, "2027-01-01T00:00:00Z"),
        new Condition("custom.signedUpAt", ConditionOperator.IsSet),
        ConditionGroup.Any(
            new Condition("custom.lastOrderOn", ConditionOperator.MoreThanAgo, "P30D"),
            new Condition("custom.lastOrderOn", ConditionOperator.Between, ConditionValue.FromRange("2025-01-01", "2025-12-31")),
            new Condition("custom.lastOrderOn", ConditionOperator.IsNotSet)));

    [Fact]
    public async Task MessageWithEveryDateOperator_Publishes_Decides_AndExplains_AgainstTheEnginesClock()
    {
        var time = new FakeTimeProvider(Start);
        using var workspace = new EndToEndWorkspace(Snapshot, time);
        var engine = workspace.Engine;
        await workspace.ImportDeclaredFieldsAsync();

        var definition = new MessageDefinition
        {
            Name = "Welcome back",
            Reply = new AgentReply("Welcome! Want a hand choosing your first gear?"),
            ChannelId = "web-main",
            Rules = new MessageRules { Conditions = Rules },
        };
        var message = await workspace.PublishAsync("outdoor-shop", definition);

        var fields = engine.GetFields("outdoor-shop");
        var signedUp = Instant.FromUtc(2026, 3, 5, 9, 0);
        var shown = await DecideAsync(engine, fields, signedUp, new LocalDate(2026, 2, 1));
        var recentOrder = await DecideAsync(engine, fields, signedUp, new LocalDate(2026, 3, 1));
        var neverOrdered = await DecideAsync(engine, fields, signedUp, null);

        Assert.True(shown.ShouldShow, shown.ToString());
        Assert.Equal(message.Id, shown.Message!.MessageId);
        Assert.False(recentOrder.ShouldShow, recentOrder.ToString());
        Assert.True(neverOrdered.ShouldShow, neverOrdered.ToString());

        // Seven days later the same visitor is no longer within the last 7 days: the engine's clock
        // moved, not the host's, and no plan was rebuilt for it.
        time.Advance(TimeSpan.FromDays(7));
        var later = await DecideAsync(engine, fields, signedUp, new LocalDate(2026, 2, 1));
        Assert.False(later.ShouldShow, later.ToString());

        var visitor = Visitor(fields, signedUp, new LocalDate(2026, 2, 1));
        var explanation = await engine.ExplainAsync(Event(visitor), Token);
        var outcomes = Assert.Single(explanation.Messages).Conditions.Outcomes;
        Assert.Equal(
            [
                ("$.rules.conditions.all[0]", false, "2026-03-05T09:00:00Z"),
                ("$.rules.conditions.all[1]", true, "2026-03-05T09:00:00Z"),
                ("$.rules.conditions.all[4].any[0]", true, "2026-02-01"),
            ],
            outcomes.Where(o => o.Path is "$.rules.conditions.all[0]" or "$.rules.conditions.all[1]" or "$.rules.conditions.all[4].any[0]")
                .Select(o => (o.Path, o.Held, o.Actual)));
    }

    private static async Task<Decision> DecideAsync(ProactiveEngine engine, FieldCatalog fields, Instant signedUp, LocalDate? lastOrder) =>
        await engine.DecideAsync(Event(Visitor(fields, signedUp, lastOrder)), Token);

    private static VisitorEvent Event(VisitorContext visitor) =>
        new() { WorkspaceId = "outdoor-shop", ChannelId = "web-main", VisitorId = Guid.NewGuid().ToString("N"), Visitor = visitor };

    private static VisitorContext Visitor(FieldCatalog fields, Instant signedUp, LocalDate? lastOrder)
    {
        var visitor = new VisitorContext(fields);

        // The host's instant is a year off: the relative forms must follow the engine's clock instead.
        visitor.SetLocalTime(Instant.FromDateTimeOffset(Start).Plus(Duration.FromDays(365)), null);
        visitor.SetInstant(fields.GetSlot("custom.signedUpAt"), signedUp);
        visitor.SetDate(fields.GetSlot("custom.lastOrderOn"), lastOrder);
        return visitor;
    }
}
