using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Tests.Conditions;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// For random channels (random condition trees, timings and campaign windows) and random visitors,
/// the indexed candidate search and a plain scan of every message find the same candidates in the
/// same order, or the same reason for none.
/// </summary>
public sealed class CandidateIndexProperties
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 4, 12, 0);

    private static readonly BusinessHoursSchedule AlwaysOpen = BusinessHoursSchedule.Create(
        "open", "UTC", [.. Enumerable.Range(1, 7).Select(day => new WeeklyInterval((IsoDayOfWeek)day, LocalTime.Midnight, LocalTime.Midnight))]).GetValueOrThrow();

    private static readonly BusinessHoursSchedule ClosedNow = BusinessHoursSchedule.Create(
        "closed", "UTC", [new WeeklyInterval(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(10, 0))]).GetValueOrThrow();

    [Property(MaxTest = 3000, Arbitrary = [typeof(CandidateIndexProperties)])]
    public Property IndexedSearch_FindsWhatAScanFinds(ChannelCase channel)
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        channel.Visitor.Apply(visitor);
        var hours = channel.Schedule is { } schedule ? new CachedBusinessHours(schedule) : null;
        var messages = channel.Messages.Select(Plan).ToArray();

        // Keys of more than one message get indexes of their own in the second plan, so that nesting is exercised too.
        var indexed = Search(new ChannelPlan("web", messages, hours), visitor);
        var nested = Search(new ChannelPlan("web", messages, hours, maxListLength: 1), visitor);
        var scanned = Search(new ChannelPlan("web", messages, hours, indexed: false), visitor);

        return (indexed == scanned && nested == scanned).Label($"indexed {indexed}, nested {nested}, scan {scanned}");
    }

    /// <summary>
    /// The same on channels whose messages share keys and often hold (a small vocabulary of
    /// indexable conditions the visitors meet), so that long lists, nested indexes and messages
    /// listed twice are exercised.
    /// </summary>
    [Property(MaxTest = 3000)]
    public Property IndexedSearch_FindsWhatAScanFinds_WhenMessagesShareKeys() =>
        Prop.ForAll(Arb.From(SharedKeyChannels()), IndexedSearch_FindsWhatAScanFinds);

    /// <summary>Channels of 1 to 24 messages; many share the vocabulary of the visitors, so that lookups hit.</summary>
    public static Arbitrary<ChannelCase> Channels() =>
        Arb.From(
            from count in Gen.Choose(1, 24)
            from messages in Gen.ArrayOf(Message(), count)
            from visitor in ConditionArbitraries.Visitor()
            from schedule in Gen.Elements<BusinessHoursSchedule?>(null, AlwaysOpen, ClosedNow)
            select new ChannelCase(messages, visitor, schedule));

    private static readonly Condition[] Vocabulary =
    [
        new("page.path", ConditionOperator.Is, "/a"),
        new("page.path", ConditionOperator.Is, "/a/b"),
        new("page.path", ConditionOperator.StartsWith, "/a/"),
        new("page.path", ConditionOperator.StartsWith, "/a/b"),
        new("page.path", ConditionOperator.EndsWith, "/c"),
        new("page.path", ConditionOperator.MatchesWildcard, "/a/*/c"),
        new("page.path", ConditionOperator.StartsWith, "/A/") { IgnoreCase = true },
        new("page.url", ConditionOperator.Contains, "x=1"),
        new("page.url", ConditionOperator.Contains, "x=2"),
        new("visitor.country", ConditionOperator.Is, "DE"),
        new("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("DE", "FR")),
        new("device.type", ConditionOperator.Is, "mobile"),
        new("device.type", ConditionOperator.Is, "desktop"),
        new("visitor.language", ConditionOperator.Is, "en"),
        new("visitor.language", ConditionOperator.IsOneOf, ConditionValue.FromList("de", "fr-FR")),
        new("visitor.isReturning", ConditionOperator.IsTrue),
        new("visitor.isReturning", ConditionOperator.IsFalse),
        new("page.title", ConditionOperator.Is, "shop"),
        new("visitor.visits", ConditionOperator.AtLeast, 2),
        new("page.timeOnPage", ConditionOperator.AtLeast, 30),
    ];

    private static Gen<ChannelCase> SharedKeyChannels() =>
        from count in Gen.Choose(1, 24)
        from messages in Gen.ArrayOf(SharedKeyMessage(), count)
        from visitor in SharedKeyVisitor()
        from schedule in Gen.Elements<BusinessHoursSchedule?>(null, AlwaysOpen, ClosedNow)
        select new ChannelCase(messages, visitor, schedule);

    private static Gen<MessageCase> SharedKeyMessage() =>
        from size in Gen.Choose(1, 3)
        from items in Gen.ArrayOf(Gen.Elements(Vocabulary), size)
        from shape in Gen.Elements(GroupOperator.All, GroupOperator.All, GroupOperator.All, GroupOperator.Any)
        from timing in Gen.Elements(MessageTiming.Anytime, MessageTiming.Anytime, MessageTiming.BusinessHours, MessageTiming.OutsideBusinessHours)
        from window in Gen.Elements(0, 0, 0, 1, 2)
        select new MessageCase(new ConditionGroup(shape, items), timing, window);

    private static Gen<VisitorSpec> SharedKeyVisitor() =>
        from path in Gen.Elements("/a", "/a/b", "/a/x/c", "/b/c", "/", "/A/b/c")
        from query in Gen.Elements(string.Empty, "?x=1", "?x=2&y=3")
        from country in Gen.Elements<string?>("DE", "FR", "US", null)
        from device in Gen.Elements(DeviceType.Mobile, DeviceType.Desktop)
        from language in Gen.Elements<string?>("en-GB", "de", "fr", null)
        from returning in Gen.Elements(true, false)
        from title in Gen.Elements("Shop", "shop", "Cart")
        select new VisitorSpec(
        [
            new("page.url", "https://shop.example" + path + query),
            new("page.title", title),
            new("device.type", device),
            new("visitor.isReturning", returning),
            new("visitor.visits", 3),
            new("page.timeOnPage", 45.0),
            .. country is null ? Array.Empty<KeyValuePair<string, object>>() : [new("visitor.country", country)],
            .. language is null ? Array.Empty<KeyValuePair<string, object>>() : [new("visitor.language", language)],
        ]);

    private static Gen<MessageCase> Message() =>
        from tree in ConditionArbitraries.Group(1).Where(ConditionArbitraries.IsValid)
        from timing in Gen.Elements(MessageTiming.Anytime, MessageTiming.Anytime, MessageTiming.BusinessHours, MessageTiming.OutsideBusinessHours)
        from window in Gen.Elements(0, 0, 0, 1, 2)
        select new MessageCase(tree, timing, window);

    private static string Search(ChannelPlan plan, VisitorContext visitor)
    {
        var timing = new EventTiming(plan.Hours, Now);
        visitor.SetNow(Now);
        if (!CandidateSearch.TryFind(plan, visitor, "visitor-1", ref timing, out var candidates, out var nothing))
        {
            return nothing.ToString();
        }

        try
        {
            return string.Join(" ", candidates.Offered.ToArray().Select(candidate => candidate.MessageId));
        }
        finally
        {
            candidates.Return();
        }
    }

    private static PlannedMessage Plan(MessageCase message, int i)
    {
        // Window 1 is open at the event's instant, window 2 opens an hour later.
        var (start, end) = message.Window == 1 ? (Now - Duration.FromHours(1), Now + Duration.FromHours(1)) : (Now + Duration.FromHours(1), Now + Duration.FromHours(2));
        var definition = new MessageDefinition
        {
            Name = $"Message {i}",
            Reply = new AgentReply("Hello"),
            ChannelId = "web",
            Timing = message.Timing,
            Rules = new MessageRules { Conditions = message.Tree },
            Window = message.Window == 0 ? null : new CampaignWindow { Start = CampaignBound.At(start), End = CampaignBound.At(end) },
        };
        var draft = ProactiveMessage.CreateDraft($"m{i}", definition, Now, new MessageValidator(fields: ConditionAssert.Catalog)).GetValueOrThrow();
        var shown = new ShownMessage(draft, PresentationKind.LauncherBubble, SenderKind.DefaultSender, "Support", botId: null);
        var window = message.Window == 0 ? ResolvedWindow.Always : new ResolvedWindow(start, end);
        return new PlannedMessage(draft, ConditionAssert.Compile(message.Tree), shown, window);
    }

    public sealed record MessageCase(ConditionGroup Tree, MessageTiming Timing, int Window);

    public sealed record ChannelCase(MessageCase[] Messages, VisitorSpec Visitor, BusinessHoursSchedule? Schedule)
    {
        public override string ToString() =>
            string.Join(Environment.NewLine, Messages.Select((m, i) => $"m{i} {m.Timing} window {m.Window}: {new ConditionCase(m.Tree, Visitor)}")) + $"{Environment.NewLine}schedule {Schedule?.Id ?? "none"}";
    }
}
