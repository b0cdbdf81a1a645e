using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// A workspace with one web channel of N Live messages of mixed, realistic rules, published through
/// the catalog and planned by an engine with the in-memory stores.
/// </summary>
/// <remarks>
/// <para>
/// The mix repeats every 20 messages. Message 0 is the pricing-page message the "used up" visitor
/// meets (<c>page.path is "/pricing"</c> and at least 10 s on the page, <c>Once</c>). The others, as
/// on a real channel, mostly target other pages, so they fail at their page check:
/// </para>
/// <list type="bullet">
/// <item>6 in 20: a product category (<c>page.path startsWith "/products/cat-i/"</c>, 20 s on the page);</item>
/// <item>3 in 20: a campaign landing page (<c>page.url contains "utm_campaign=promo-i"</c>, mobile only);</item>
/// <item>3 in 20: a help article for returning English speakers (<c>page.path is</c>, <c>visitor.isReturning</c>, <c>visitor.language is "en"</c>);</item>
/// <item>2 in 20: a blog topic (<c>matchesWildcard "/blog/*/topic-i"</c>) with <c>any(country isOneOf [US, GB, CA], device.type is tablet)</c>;</item>
/// <item>2 in 20: a checkout step in DACH countries with <c>any(visitor.visits atLeast 3, visitor.isReturning)</c>;</item>
/// <item>1 in 20: site-wide, returning visitors from Japan after 60 s (fails at the country);</item>
/// <item>1 in 20: site-wide, French speakers after 30 s (fails at the language);</item>
/// <item>2 in 20: a root <c>any</c> of a comparison page and a partner referral in the URL.</item>
/// </list>
/// <para>
/// One in six messages is sent only in business hours and one in twenty (the last of each 20) only
/// outside them; the schedule is open around the clock, so the first kind is evaluated and the
/// second is skipped before its conditions. Frequencies rotate through <c>Once</c>, <c>OncePerVisit</c> and
/// <c>EveryTime</c>, every seventh message has priority 10, and every fifth has French and German
/// variants.
/// </para>
/// </remarks>
public sealed class RuntimeWorkspace : IDisposable
{
    public const string WorkspaceId = "ws-bench";
    public const string Channel = "web";
    public const string EmptyChannel = "web-empty";
    public const string HomeUrl = "https://shop.example.com/blog/2026/spring-sale?utm_source=newsletter";
    public const string PricingUrl = "https://shop.example.com/pricing?utm_source=newsletter";

    private RuntimeWorkspace(ProactiveEngine engine, string pricingMessageId, int messageCount)
    {
        Engine = engine;
        PricingMessageId = pricingMessageId;
        MessageCount = messageCount;
    }

    public ProactiveEngine Engine { get; }

    public string PricingMessageId { get; }

    public int MessageCount { get; }

    public static WorkspaceSnapshot Snapshot { get; } = new()
    {
        AgentWorkspaceActive = true,
        MessagingActive = true,
        DefaultScheduleId = "always",
        Schedules =
        [
            BusinessHoursSchedule.Create(
                "always",
                "Europe/Berlin",
                [.. Enumerable.Range(1, 7).Select(day => new WeeklyInterval((IsoDayOfWeek)day, LocalTime.Midnight, LocalTime.Midnight))]).GetValueOrThrow(),
        ],
        Channels =
        [
            new ChannelInfo(Channel, ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
            new ChannelInfo(EmptyChannel, ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
        ],
    };

    /// <summary>Publishes <paramref name="messageCount"/> messages and plans them in a new engine with the in-memory stores.</summary>
    public static RuntimeWorkspace Create(int messageCount) => Create(messageCount, new InMemoryFrequencyStore(), new InMemoryMetricsStore());

    /// <summary>Publishes <paramref name="messageCount"/> messages and plans them in a new engine with the stores given.</summary>
    public static RuntimeWorkspace Create(int messageCount, IFrequencyStore frequencyStore, IMetricsStore metricsStore) =>
        CreateAsync(messageCount, Definition, frequencyStore, metricsStore).GetAwaiter().GetResult();

    /// <summary>Publishes the messages <paramref name="definition"/> gives (for example <see cref="Definition"/> with a change) in a new engine with the in-memory stores (and the experiment store given, if any).</summary>
    public static RuntimeWorkspace Create(int messageCount, Func<int, MessageDefinition> definition, IExperimentStore? experimentStore = null) =>
        CreateAsync(messageCount, definition, new InMemoryFrequencyStore(), new InMemoryMetricsStore(), experimentStore).GetAwaiter().GetResult();

    /// <summary>A visitor from Germany on a phone, back for a third visit, 45 s into a page.</summary>
    public static VisitorContext Visitor(FieldCatalog fields, string url)
    {
        var visitor = new VisitorContext(fields);
        visitor.SetPageUrl(url);
        visitor.SetPageTitle("Example Shop");
        visitor.SetTimeOnPage(Duration.FromSeconds(45));
        visitor.SetPageViews(3);
        visitor.SetVisits(3);
        visitor.SetReturning(true);
        visitor.SetIdentified(false);
        visitor.SetLanguage("de-DE");
        visitor.SetCountry("DE");
        visitor.SetDeviceType(DeviceType.Mobile);
        visitor.SetOperatingSystem("Android");
        visitor.SetBrowser("Chrome");
        visitor.SetChannelKind("webWidget");
        return visitor;
    }

    public static VisitorEvent Event(VisitorContext visitor, string visitorId, string channel = Channel) => new()
    {
        WorkspaceId = WorkspaceId,
        ChannelId = channel,
        VisitorId = visitorId,
        VisitId = "visit-1",
        PageViewId = "page-1",
        Kind = VisitorEventKind.Heartbeat,
        Visitor = visitor,
    };

    /// <summary>Shows the pricing message to a visitor and dismisses it: its <c>Once</c> frequency is then used up.</summary>
    public void UseUpPricingMessage(string visitorId)
    {
        var visitor = Visitor(Engine.Fields, PricingUrl);
        var shown = Decide(Event(visitor, visitorId));
        Expect(DecisionOutcome.Show, shown);
        var dismissed = Engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = WorkspaceId, VisitorId = visitorId, VisitId = "visit-1", MessageId = PricingMessageId, Outcome = VisitorOutcome.Dismissed }).AsTask().GetAwaiter().GetResult();
        if (dismissed != OutcomeRecording.Recorded)
        {
            throw new InvalidOperationException($"The dismissal was not recorded: {dismissed}.");
        }

        Expect(DecisionOutcome.FrequencyCapped, Decide(Event(visitor, visitorId)));
    }

    public Decision Decide(VisitorEvent visitorEvent) => Engine.DecideAsync(visitorEvent).AsTask().GetAwaiter().GetResult();

    public static void Expect(DecisionOutcome expected, Decision actual)
    {
        if (actual.Outcome != expected)
        {
            throw new InvalidOperationException($"Expected {expected}, got {actual}.");
        }
    }

    public void Dispose() => Engine.Dispose();

    private static async Task<RuntimeWorkspace> CreateAsync(int messageCount, Func<int, MessageDefinition> definition, IFrequencyStore frequencyStore, IMetricsStore metricsStore, IExperimentStore? experimentStore = null)
    {
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore());
        string? pricingId = null;
        for (var i = 0; i < messageCount; i++)
        {
            var created = (await catalog.CreateAsync(WorkspaceId, definition(i))).GetValueOrThrow();
            var published = await catalog.PublishAsync(WorkspaceId, created.Id, created.Version, Snapshot);
            if (!published.Succeeded)
            {
                throw new InvalidOperationException($"Message {i} was not published: {string.Join("; ", published.Problems)}");
            }

            pricingId ??= created.Id;
        }

        var engine = new ProactiveEngine(frequencyStore, metricsStore, experimentStore: experimentStore);
        var problems = engine.ApplyLiveSet(catalog.GetLiveSet(WorkspaceId), Snapshot);
        if (!problems.IsEmpty)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        return new RuntimeWorkspace(engine, pricingId!, messageCount);
    }

    public static MessageDefinition Definition(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var conditions = (i % 20) switch
        {
            _ when i == 0 => ConditionGroup.All(
                new Condition("page.path", ConditionOperator.Is, "/pricing"),
                new Condition("page.timeOnPage", ConditionOperator.AtLeast, 10)),
            < 6 => ConditionGroup.All(
                new Condition("page.path", ConditionOperator.StartsWith, $"/products/cat-{n}/"),
                new Condition("page.timeOnPage", ConditionOperator.AtLeast, 20)),
            < 9 => ConditionGroup.All(
                new Condition("page.url", ConditionOperator.Contains, $"utm_campaign=promo-{n}"),
                new Condition("device.type", ConditionOperator.Is, "mobile")),
            < 12 => ConditionGroup.All(
                new Condition("page.path", ConditionOperator.Is, $"/help/article-{n}"),
                new Condition("visitor.isReturning", ConditionOperator.IsTrue),
                new Condition("visitor.language", ConditionOperator.Is, "en")),
            < 14 => ConditionGroup.All(
                new Condition("page.path", ConditionOperator.MatchesWildcard, $"/blog/*/topic-{n}"),
                ConditionGroup.Any(
                    new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("US", "GB", "CA")),
                    new Condition("device.type", ConditionOperator.Is, "tablet"))),
            < 16 => ConditionGroup.All(
                new Condition("page.path", ConditionOperator.StartsWith, $"/checkout/step-{n}"),
                ConditionGroup.Any(
                    new Condition("visitor.visits", ConditionOperator.AtLeast, 3),
                    new Condition("visitor.isReturning", ConditionOperator.IsTrue)),
                new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("DE", "AT", "CH"))),
            16 => ConditionGroup.All(
                new Condition("visitor.country", ConditionOperator.Is, "JP"),
                new Condition("visitor.isReturning", ConditionOperator.IsTrue),
                new Condition("page.timeOnPage", ConditionOperator.AtLeast, 60)),
            17 => ConditionGroup.All(
                new Condition("visitor.language", ConditionOperator.Is, "fr"),
                new Condition("page.timeOnPage", ConditionOperator.AtLeast, 30)),
            _ => ConditionGroup.Any(
                new Condition("page.path", ConditionOperator.StartsWith, $"/compare/{n}"),
                new Condition("page.url", ConditionOperator.Contains, $"ref=partner-{n}")),
        };

        LocalizedText text = i % 5 == 0
            ? new LocalizedText($"Questions about offer {n}? We can help.", [new("fr", $"Des questions sur l'offre {n} ?"), new("de", $"Fragen zum Angebot {n}?")])
            : $"Questions about offer {n}? We can help.";
        return new MessageDefinition
        {
            Name = $"Message {n}",
            ChannelId = Channel,
            Reply = i % 4 == 1 ? new AgentReply(text) { AskForEmail = true, FollowUp = "Thanks! An agent will be with you shortly." } : new AgentReply(text),
            Rules = new MessageRules { Conditions = conditions },
            Timing = i == 0 ? MessageTiming.Anytime : i % 20 == 19 ? MessageTiming.OutsideBusinessHours : i % 6 == 3 ? MessageTiming.BusinessHours : MessageTiming.Anytime,
            Frequency = i == 0 ? MessageFrequency.Once : (MessageFrequency)(i % 3),
            Priority = i % 7 == 0 ? 10 : 0,
        };
    }
}
