using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>
/// One message using every operator family added beside the original ones (negations, a none group,
/// per-condition case, number lists, versions, dates and times, IP ranges) and a campaign window, on
/// built-in fields and on the declared attributes of docs/examples/catalog-declared-fields.json: it
/// survives the JSON format, publishes through the catalog, and decides and explains through the
/// engine.
/// </summary>
public sealed class NewConditionsEndToEndTests
{
    private const string Workspace = "outdoor-shop";
    private const string Channel = "web-main";
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static readonly WorkspaceSnapshot Snapshot = EndToEndWorkspace.WebMain;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly ConditionGroup Rules = ConditionGroup.All(
        new Condition("page.url", ConditionOperator.DoesNotStartWith, "https://admin."),
        new Condition("page.title", ConditionOperator.DoesNotEndWith, "(staff)"),
        new Condition("device.browser", ConditionOperator.IsNotOneOf, ConditionValue.FromList("curl", "wget")),
        new Condition("page.path", ConditionOperator.DoesNotMatchWildcard, "/internal/*"),
        new Condition("page.referrer", ConditionOperator.DoesNotMatchPattern, "^https?://spam\\."),
        new Condition("page.title", ConditionOperator.Contains, "Checkout") { IgnoreCase = false },
        new Condition("visit.pageViews", ConditionOperator.IsOneOf, ConditionValue.FromList("2", "3")),
        new Condition("visitor.visits", ConditionOperator.IsNotOneOf, ConditionValue.FromList("1")),
        ConditionGroup.None(
            new Condition("visitor.country", ConditionOperator.Is, "FR"),
            new Condition("page.url", ConditionOperator.Contains, "/careers"),
            new Condition("visitor.ip", ConditionOperator.IsInRange, ConditionValue.FromList("198.51.100.0/24"))),
        new Condition("app.version", ConditionOperator.AtLeast, "2.0"),
        new Condition("visitor.ip", ConditionOperator.IsNotInRange, ConditionValue.FromList("203.0.113.0/24", "2001:db8:42::/48")),
        new Condition("custom.signedUpAt", ConditionOperator.WithinLast, "P7D"),
        new Condition("custom.signedUpAt", ConditionOperator.Between, ConditionValue.FromRange("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00Z")),
        new Condition("custom.lastOrderOn", ConditionOperator.MoreThanAgo, "P30D"),
        new Condition("custom.lastOrderOn", ConditionOperator.After, "2025-06-30"),
        new Condition("custom.lastOrderOn", ConditionOperator.Before, "2026-11-01"),
        new Condition("custom.loyaltyAppVersion", ConditionOperator.Between, ConditionValue.FromRange("3.0.0-rc.1", "3.9")),
        new Condition("custom.storeKioskIp", ConditionOperator.IsNotSet));

    [Fact]
    public async Task MessageWithEveryNewOperatorFamilyAndAWindow_RoundTrips_Publishes_Decides_AndExplains()
    {
        var time = new FakeTimeProvider(Start);
        using var workspace = new EndToEndWorkspace(Snapshot, time);
        await workspace.ImportDeclaredFieldsAsync();
        var catalog = workspace.Catalog;
        var engine = workspace.Engine;

        var now = Instant.FromDateTimeOffset(Start);
        var definition = new MessageDefinition
        {
            Name = "Checkout help",
            Reply = new AgentReply("Need a hand with paying?"),
            ChannelId = Channel,
            Rules = new MessageRules { Conditions = Rules },
            Window = new CampaignWindow { Start = CampaignBound.At(now - Duration.FromDays(1)), End = CampaignBound.At(now + Duration.FromDays(1)) },
        };

        // The definition survives the JSON format whole.
        var created = await catalog.CreateAsync(Workspace, definition, Token);
        Assert.True(created.Succeeded, ProblemAssert.Describe(created.Problems));
        var format = new JsonFormatOptions { Validator = new MessageValidator(fields: engine.GetFields(Workspace)) };
        var read = MessageJson.ReadMessage(MessageJson.WriteMessageUtf8(created.Value!), format).GetValueOrThrow();
        Assert.Equal(created.Value!.Definition, read.Definition);

        var published = await catalog.PublishAsync(Workspace, created.Value.Id, created.Value.Version, Snapshot, Token);
        Assert.True(published.Succeeded, ProblemAssert.Describe(published.Problems));

        var shown = await engine.DecideAsync(Event(engine, Visitor(engine)), Token);
        Assert.True(shown.ShouldShow, shown.ToString());

        // Each change breaks one condition: the message is not shown.
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, title: "checkout")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, browser: "curl")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, country: "FR")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, pageViews: 4)), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, referrer: null)), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, appVersion: "1.9.9")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, ip: "::ffff:203.0.113.40")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, ip: "198.51.100.3")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, ip: null)), Token)).ShouldShow);
        Assert.True((await engine.DecideAsync(Event(engine, Visitor(engine, ip: "2001:db8:43::1")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, signedUpDaysAgo: 8)), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, lastOrderDaysAgo: 30)), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, lastOrderDaysAgo: 900)), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, loyaltyVersion: "3.0.0-beta")), Token)).ShouldShow);
        Assert.True((await engine.DecideAsync(Event(engine, Visitor(engine, loyaltyVersion: "3.9.0+build.7")), Token)).ShouldShow);
        Assert.False((await engine.DecideAsync(Event(engine, Visitor(engine, kioskIp: "10.0.0.8")), Token)).ShouldShow);

        var staff = Assert.Single((await engine.ExplainAsync(Event(engine, Visitor(engine, ip: "2001:db8:42::9")), Token)).Messages);
        var outside = Assert.Single(staff.Conditions.Outcomes, o => !o.Held && o.Path == "$.rules.conditions.all[10]");
        Assert.Equal("2001:db8:42::9", outside.Actual);

        var explanation = await engine.ExplainAsync(Event(engine, Visitor(engine, title: "checkout")), Token);
        var message = Assert.Single(explanation.Messages);
        Assert.Equal(CampaignWindowVerdict.Inside, message.WindowVerdict);
        var failed = Assert.Single(message.Conditions.Outcomes, o => !o.Held && o.Path == "$.rules.conditions.all[5]");
        Assert.Equal("checkout", failed.Actual);

        var lapsed = Assert.Single((await engine.ExplainAsync(Event(engine, Visitor(engine, signedUpDaysAgo: 8)), Token)).Messages);
        var notRecent = Assert.Single(lapsed.Conditions.Outcomes, o => !o.Held && o.Path == "$.rules.conditions.all[11]");
        Assert.Equal("2026-11-21T12:00:00Z", notRecent.Actual);

        // Once the window has ended, the same visitor is not shown the message, and the reason says so.
        time.Advance(TimeSpan.FromDays(1));
        var after = await engine.DecideAsync(Event(engine, Visitor(engine)), Token);
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, after.Outcome);
        Assert.Equal(CampaignWindowVerdict.Ended, Assert.Single((await engine.ExplainAsync(Event(engine, Visitor(engine)), Token)).Messages).WindowVerdict);
    }

    private static VisitorEvent Event(ProactiveEngine engine, VisitorContext visitor) =>
        new() { WorkspaceId = Workspace, ChannelId = Channel, VisitorId = Guid.NewGuid().ToString("N"), Visitor = visitor };

    private static VisitorContext Visitor(
        ProactiveEngine engine,
        string title = "Checkout",
        string browser = "Firefox",
        string? country = "DE",
        int pageViews = 2,
        string? referrer = "https://search.example/",
        string appVersion = "2.1.0",
        string? ip = "192.0.2.10",
        int signedUpDaysAgo = 2,
        int lastOrderDaysAgo = 60,
        string loyaltyVersion = "3.2",
        string? kioskIp = null)
    {
        var fields = engine.GetFields(Workspace);
        var visitor = new VisitorContext(fields);
        visitor.SetPageUrl("https://shop.example/checkout/pay");
        visitor.SetPageTitle(title);
        visitor.SetBrowser(browser);
        visitor.SetCountry(country);
        visitor.SetPageViews(pageViews);
        visitor.SetVisits(3);
        visitor.SetReferrer(referrer);
        visitor.SetAppVersion(appVersion);
        visitor.SetIpAddress(ip);
        visitor.SetInstant(fields.GetSlot("custom.signedUpAt"), Instant.FromDateTimeOffset(Start) - Duration.FromDays(signedUpDaysAgo));
        visitor.SetDate(fields.GetSlot("custom.lastOrderOn"), LocalDate.FromDateTime(Start.UtcDateTime).PlusDays(-lastOrderDaysAgo));
        visitor.SetVersion(fields.GetSlot("custom.loyaltyAppVersion"), loyaltyVersion);
        visitor.SetIpAddress(fields.GetSlot("custom.storeKioskIp"), kioskIp);
        return visitor;
    }
}
