using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>A message using every version operator publishes through the catalog, then decides and explains through the engine.</summary>
public sealed class VersionConditionsEndToEndTests
{
    private static readonly WorkspaceSnapshot Snapshot = EndToEndWorkspace.WebMain;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every version operator, on the built-in field and on the example's declared version attribute.</summary>
    private static readonly ConditionGroup Rules = ConditionGroup.All(
        new Condition("app.version", ConditionOperator.AtLeast, "4.2"),
        new Condition("app.version", ConditionOperator.LessThan, "5.0.0-0"),
        new Condition("app.version", ConditionOperator.GreaterThan, "4.2.0-rc.1"),
        new Condition("app.version", ConditionOperator.AtMost, "v4.9"),
        new Condition("app.version", ConditionOperator.NotEqualTo, "4.3.0"),
        new Condition("app.version", ConditionOperator.IsSet),
        ConditionGroup.Any(
            new Condition("custom.loyaltyAppVersion", ConditionOperator.EqualTo, "3.1.0+build.2"),
            new Condition("custom.loyaltyAppVersion", ConditionOperator.Between, ConditionValue.FromRange("3.0.0-beta.1", "3.0.0")),
            new Condition("custom.loyaltyAppVersion", ConditionOperator.IsOneOf, ConditionValue.FromList("2.0", "2.1")),
            new Condition("custom.loyaltyAppVersion", ConditionOperator.IsNotSet)));

    [Fact]
    public async Task MessageWithEveryVersionOperator_Publishes_Decides_AndExplains()
    {
        using var workspace = new EndToEndWorkspace(Snapshot);
        var engine = workspace.Engine;
        await workspace.ImportDeclaredFieldsAsync();

        var definition = new MessageDefinition
        {
            Name = "Update available",
            Reply = new AgentReply("A new version of the app is out: want to hear what changed?"),
            ChannelId = "web-main",
            Rules = new MessageRules { Conditions = Rules },
        };
        var message = await workspace.PublishAsync("outdoor-shop", definition);

        var fields = engine.GetFields("outdoor-shop");
        var shown = await DecideAsync(engine, fields, "v4.2.1+ios", "3.0.0-rc.2");
        var tooOld = await DecideAsync(engine, fields, "4.2.0-rc.1", null);
        var unreadable = await DecideAsync(engine, fields, "four", null);

        Assert.True(shown.ShouldShow, shown.ToString());
        Assert.Equal(message.Id, shown.Message!.MessageId);
        Assert.False(tooOld.ShouldShow, tooOld.ToString());
        Assert.False(unreadable.ShouldShow, unreadable.ToString());

        var visitor = Visitor(fields, "4.2.0-rc.1", "2.1.0");
        var explanation = await engine.ExplainAsync(Event(visitor), Token);
        var outcomes = Assert.Single(explanation.Messages).Conditions.Outcomes;
        Assert.Equal(
            [
                ("$.rules.conditions.all[0]", false, "4.2.0-rc.1"),
                ("$.rules.conditions.all[2]", false, "4.2.0-rc.1"),
                ("$.rules.conditions.all[4]", true, "4.2.0-rc.1"),
                ("$.rules.conditions.all[6].any[2]", true, "2.1.0"),
            ],
            outcomes.Where(o => o.Path is "$.rules.conditions.all[0]" or "$.rules.conditions.all[2]" or "$.rules.conditions.all[4]" or "$.rules.conditions.all[6].any[2]")
                .Select(o => (o.Path, o.Held, o.Actual)));
    }

    private static async Task<Decision> DecideAsync(ProactiveEngine engine, FieldCatalog fields, string appVersion, string? loyaltyVersion) =>
        await engine.DecideAsync(Event(Visitor(fields, appVersion, loyaltyVersion)), Token);

    private static VisitorEvent Event(VisitorContext visitor) =>
        new() { WorkspaceId = "outdoor-shop", ChannelId = "web-main", VisitorId = Guid.NewGuid().ToString("N"), Visitor = visitor };

    private static VisitorContext Visitor(FieldCatalog fields, string appVersion, string? loyaltyVersion)
    {
        var visitor = new VisitorContext(fields);
        visitor.SetAppVersion(appVersion);
        visitor.SetVersion(fields.GetSlot("custom.loyaltyAppVersion"), loyaltyVersion);
        return visitor;
    }
}
