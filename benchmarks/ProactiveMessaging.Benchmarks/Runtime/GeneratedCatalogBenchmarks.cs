using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// Decisions on one channel of 10 to 10,000 Live messages generated the way large catalogs are
/// (one message per product page, landing page, product category or market, and a few site-wide),
/// with the in-memory stores and the host's visit ids: the cost of a decision as the catalog grows.
/// </summary>
/// <remarks>
/// <para>The mix, by message number i:</para>
/// <list type="bullet">
/// <item>4 in 10: a product page, <c>page.path is "/products/p-i"</c>, 20 s on the page;</item>
/// <item>1 in 10: a landing page, <c>page.url startsWith "https://shop.example.com/lp/i/"</c>, mobile only;</item>
/// <item>1 in 10: a help section, <c>page.path startsWith "/help/section-i/"</c>, a returning visitor;</item>
/// <item>2 in 10: a product category, <c>custom.productCategory is "category-i"</c> (a declared attribute), 30 s on the page;</item>
/// <item>2 in 10: a market, <c>visitor.country is</c> one of 40 countries and <c>visitor.language is</c> one of 8 languages, 60 s on the page;</item>
/// <item>and up to 10 site-wide messages (one in 10 messages for at most 100), on visits and time alone.</item>
/// </list>
/// <para>
/// <see cref="NothingMatches"/>: a visitor from Germany on a product page and in a category no
/// message targets, in German; the site-wide messages are evaluated, and the messages of the
/// visitor's market, and nothing passes. <see cref="ProductPageMatches"/>: the same visitor on the
/// page of a product that has a message (sent every time), so one frequency-store round trip
/// shows it.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class GeneratedCatalogBenchmarks
{
    private const string WorkspaceId = "ws-generated";

    /// <summary>The fields of the generated catalogs: the built-in ones and a declared text attribute, <c>productCategory</c>.</summary>
    internal static readonly FieldCatalog Fields = FieldCatalog.Default.WithCustomAttribute("productCategory", FieldType.Text);
    private const int MaxSiteWide = 10;

    private static readonly string[] Countries =
    [
        "DE", "AT", "CH", "FR", "BE", "NL", "LU", "IT", "ES", "PT", "GB", "IE", "US", "CA", "MX", "BR", "AR", "CL", "JP", "KR",
        "CN", "IN", "AU", "NZ", "SE", "NO", "DK", "FI", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "TR", "ZA", "EG", "MA", "SG",
    ];

    private static readonly string[] Languages = ["de", "fr", "en", "es", "it", "pt", "ja", "nl"];

    private ProactiveEngine _engine = null!;
    private VisitorEvent _nothing;
    private VisitorEvent _product;

    [Params(10, 100, 1000, 10000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProactiveMessagingOptions { SeedPresets = false, Fields = Fields };
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), options);
        var document = new CatalogDocument(new WorkspaceSettings(WorkspaceId), [.. Enumerable.Range(0, Messages).Select(i => Message(i, Messages, catalog.Validator))]);
        var imported = catalog.ImportAsync(document, RuntimeWorkspace.Snapshot).GetAwaiter().GetResult();
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", imported.Problems));
        }

        _engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), options);
        var problems = _engine.ApplyLiveSet(catalog.GetLiveSet(WorkspaceId), RuntimeWorkspace.Snapshot);
        if (!problems.IsEmpty)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        _nothing = Event("/products/p-none");
        _product = Event("/products/p-" + (Messages > 10 ? 40 : 0).ToString(CultureInfo.InvariantCulture));
        RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, Decide(_nothing));
        RuntimeWorkspace.Expect(DecisionOutcome.Show, Decide(_product));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public DecisionOutcome NothingMatches() => Decide(_nothing).Outcome;

    [Benchmark]
    public DecisionOutcome ProductPageMatches() => Decide(_product).Outcome;

    private Decision Decide(VisitorEvent visitorEvent)
    {
        var pending = _engine.DecideAsync(visitorEvent);
        return pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The decision did not complete synchronously.");
    }

    /// <summary>The benchmark's German visitor on a page of the shop, in a category no message targets.</summary>
    internal static VisitorContext Visitor(FieldCatalog fields, string path)
    {
        var visitor = RuntimeWorkspace.Visitor(fields, "https://shop.example.com" + path + "?utm_source=newsletter");
        visitor.SetText(fields.GetSlot("custom.productCategory"), "category-none");
        return visitor;
    }

    private VisitorEvent Event(string path)
    {
        var visitor = Visitor(_engine.GetFields(WorkspaceId), path);
        return new VisitorEvent
        {
            WorkspaceId = WorkspaceId,
            ChannelId = RuntimeWorkspace.Channel,
            VisitorId = "visitor-1",
            VisitId = "visit-1",
            PageViewId = "page-1",
            Kind = VisitorEventKind.Heartbeat,
            Visitor = visitor,
        };
    }

    /// <summary>Message <paramref name="i"/> of a generated catalog of <paramref name="messages"/>, Live.</summary>
    internal static ProactiveMessage Message(int i, int messages, MessageValidator validator)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var period = messages / Math.Clamp(messages / 10, 1, MaxSiteWide);
        var siteWide = i % period == period - 1;
        var conditions = siteWide
            ? ConditionGroup.All(
                new Condition("visitor.visits", ConditionOperator.AtLeast, 5 + i),
                new Condition("page.timeOnPage", ConditionOperator.AtLeast, 120))
            : (i % 10) switch
            {
                < 4 => ConditionGroup.All(
                    new Condition("page.path", ConditionOperator.Is, $"/products/p-{n}"),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 20)),
                4 => ConditionGroup.All(
                    new Condition("page.url", ConditionOperator.StartsWith, $"https://shop.example.com/lp/{n}/"),
                    new Condition("device.type", ConditionOperator.Is, "mobile")),
                5 => ConditionGroup.All(
                    new Condition("page.path", ConditionOperator.StartsWith, $"/help/section-{n}/"),
                    new Condition("visitor.isReturning", ConditionOperator.IsTrue)),
                < 8 => ConditionGroup.All(
                    new Condition("custom.productCategory", ConditionOperator.Is, $"category-{n}"),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 30)),
                _ => ConditionGroup.All(
                    new Condition("visitor.country", ConditionOperator.Is, Countries[i / 10 % Countries.Length]),
                    new Condition("visitor.language", ConditionOperator.Is, Languages[i / 7 % Languages.Length]),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 60)),
            };
        var definition = new MessageDefinition
        {
            Name = $"Message {n}",
            ChannelId = RuntimeWorkspace.Channel,
            Reply = new AgentReply($"Questions about {n}? We can help."),
            Rules = new MessageRules { Conditions = conditions },
            Frequency = MessageFrequency.EveryTime,
        };
        var published = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromSeconds(i);
        return ProactiveMessage.CreateDraft($"m{n}", definition, published, validator).GetValueOrThrow().With(status: MessageStatus.Live, publishedAt: published);
    }
}
