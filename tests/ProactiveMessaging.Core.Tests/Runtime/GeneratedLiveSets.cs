using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// Live sets built without a catalog, for tests that need thousands of Live messages: each message
/// is a validated Draft made Live, on the web channel of <see cref="Snapshots.Healthy"/>, with one
/// of ten rule shapes a generated catalog has (a page, a category, a campaign, a country, a language).
/// </summary>
internal static class GeneratedLiveSets
{
    public static readonly Instant Published = Instant.FromUtc(2025, 3, 1, 9, 0);

    /// <summary>The path on which message <paramref name="i"/> (and only it) is shown to any visitor.</summary>
    /// <remarks>The segments around the number keep one page's path from being the start, end or part of another's.</remarks>
    public static string PathOf(int i) => "/landing/page-" + i.ToString(CultureInfo.InvariantCulture) + "/offer";

    public static ProactiveMessage Message(int i, long version = 2, string? path = null)
    {
        var definition = new MessageDefinition
        {
            Name = "Generated " + i.ToString(CultureInfo.InvariantCulture),
            ChannelId = Snapshots.WebChannel,
            Reply = new AgentReply("Questions about this page? We can help."),
            Rules = new MessageRules { Conditions = Rule(i, path ?? PathOf(i)) },
            Frequency = MessageFrequency.EveryTime,
        };
        var draft = ProactiveMessage.CreateDraft("m" + i.ToString("D6", CultureInfo.InvariantCulture), definition, Published).GetValueOrThrow();
        return draft.With(status: MessageStatus.Live, publishedAt: Published, version: version);
    }

    public static ImmutableArray<ProactiveMessage> Messages(int count) => [.. Enumerable.Range(0, count).Select(i => Message(i))];

    public static LiveMessageSet Set(IEnumerable<ProactiveMessage> messages, long version, string workspaceId = EngineHarness.Workspace, FieldCatalog? fields = null) =>
        LiveMessageSet.Build(workspaceId, version, messages, fields);

    /// <summary>A visitor on a page of the shop, from Germany on a phone, 45 s into the third page of the visit.</summary>
    public static VisitorContext Visitor(FieldCatalog fields, string path)
    {
        var visitor = new VisitorContext(fields);
        visitor.SetPageUrl("https://shop.example" + path);
        visitor.SetTimeOnPage(Duration.FromSeconds(45));
        visitor.SetPageViews(3);
        visitor.SetLanguage("de");
        visitor.SetCountry("DE");
        visitor.SetDeviceType(DeviceType.Mobile);
        return visitor;
    }

    /// <summary>Ten shapes; each holds for a <see cref="Visitor"/> on its own path and on no other message's.</summary>
    private static ConditionGroup Rule(int i, string path) => (i % 10) switch
    {
        0 => ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, path)),
        1 => ConditionGroup.All(new Condition("page.path", ConditionOperator.StartsWith, path), new Condition("page.timeOnPage", ConditionOperator.AtLeast, 0)),
        2 => ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, path)),
        3 => ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, path), new Condition("visitor.country", ConditionOperator.IsNotOneOf, ConditionValue.FromList("JP", "KR"))),
        4 => ConditionGroup.All(new Condition("page.path", ConditionOperator.MatchesWildcard, path + "*")),
        5 => ConditionGroup.Any(new Condition("page.path", ConditionOperator.Is, path), new Condition("page.url", ConditionOperator.Contains, "ref=partner-" + path)),
        6 => ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, path), new Condition("visit.pageViews", ConditionOperator.AtMost, 50), ConditionGroup.None(new Condition("visitor.language", ConditionOperator.Is, "fr"))),
        7 => ConditionGroup.All(new Condition("page.path", ConditionOperator.EndsWith, path), new Condition("visit.pageViews", ConditionOperator.AtLeast, 0)),
        8 => ConditionGroup.All(new Condition("page.path", ConditionOperator.IsOneOf, ConditionValue.FromList(path, path + "/more"))),
        _ => ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, path), new Condition("device.type", ConditionOperator.IsNot, "tablet")),
    };
}
