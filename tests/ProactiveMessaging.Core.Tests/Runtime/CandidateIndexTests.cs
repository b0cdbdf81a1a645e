using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

public sealed class CandidateIndexTests
{
    private static readonly Condition Mobile = new("device.type", ConditionOperator.Is, "mobile");

    public static TheoryData<ConditionGroup, string[]> Groups => new()
    {
        // The conditions a root 'all' needs, as the index reads them.
        { ConditionGroup.All(Path(ConditionOperator.Is, "/pricing")), ["Text page.path /pricing"] },
        { ConditionGroup.All(Mobile, Path(ConditionOperator.Is, "/help/article-3")), ["Code device.type 1", "Text page.path /help/article-3"] },
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products/cat-1/")), ["Prefix page.path /products/cat-1/"] },
        { ConditionGroup.All(Path(ConditionOperator.EndsWith, "/reviews")), ["Suffix page.path /reviews"] },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/*/topic")), ["Prefix page.path /blog/", "Suffix page.path /topic"] },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/2026")), ["Text page.path /blog/2026"] },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "*/reviews*")), [] },
        { ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing")), ["Text page.path /pricing"] },
        { ConditionGroup.All(ConditionGroup.All(Mobile), new Condition("visitor.isReturning", ConditionOperator.IsFalse)), ["Code device.type 1", "Boolean visitor.isReturning False"] },
        { ConditionGroup.All(new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("de", "AT", "DE"))), ["Code visitor.country 56,11"] },
        { ConditionGroup.All(new Condition("visitor.language", ConditionOperator.IsOneOf, ConditionValue.FromList("en-GB", "en_US", "fr"))), ["LanguagePrimary visitor.language en,fr"] },
        { ConditionGroup.All(new Condition("page.url", ConditionOperator.Is, "HTTPS://Shop.Example/Pricing/")), ["Text page.url https://shop.example/Pricing"] },
        { ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "utm_campaign=promo-3")), ["Contains page.url utm_campaign="] },
        { ConditionGroup.All(new Condition("page.title", ConditionOperator.Is, "Checkout")), ["Text page.title Checkout ignoring case"] },
        { ConditionGroup.All(new Condition("page.title", ConditionOperator.Is, "Checkout") { IgnoreCase = false }), ["Text page.title Checkout"] },

        // Nothing the index could rely on.
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/")), [] },
        { ConditionGroup.All(new Condition("visitor.language", ConditionOperator.Is, "*")), [] },
        { ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing"), Mobile), [] },
        { ConditionGroup.All(ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing"), Mobile)), [] },
        { ConditionGroup.All(Path(ConditionOperator.IsNot, "/pricing/x")), [] },
        { ConditionGroup.None(Path(ConditionOperator.Is, "/pricing/x")), [] },
        { ConditionGroup.All(ConditionGroup.None(Mobile)), [] },
        { ConditionGroup.All(Path(ConditionOperator.DoesNotStartWith, "/pricing/x")), [] },
        { ConditionGroup.All(new Condition("visitor.country", ConditionOperator.IsNotOneOf, ConditionValue.FromList("DE"))), [] },
        { ConditionGroup.All(new Condition("visitor.visits", ConditionOperator.AtLeast, 3)), [] },
        { ConditionGroup.All(new Condition("page.query.utm_source", ConditionOperator.Is, "newsletter")), [] },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Atoms_AreTheLookupsEveryVisitorMeetingTheConditionsPasses(ConditionGroup group, string[] expected) =>
        Assert.Equal(expected, IndexAtom.Of(group, FieldCatalog.Default).Select(Describe));

    [Fact]
    public void Build_AnchorsEachMessageOnItsMostSelectiveAtom_AndKeepsTheRestInTheResidue()
    {
        ConditionGroup[] rules =
        [
            // Shares "/blog/" with two others, but its suffix is its own.
            ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/*/topic-1")),
            ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/*/topic-2")),
            ConditionGroup.All(Path(ConditionOperator.StartsWith, "/blog/"), Mobile),

            // A contains key one message offers is not searched: the message is anchored elsewhere.
            ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "ref=partner"), Mobile),
            ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "utm_campaign=a"), Mobile),
            ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "utm_campaign=b"), Mobile),

            // Every item of an 'any' has an atom: the message is listed under each; one without leaves it in the residue.
            ConditionGroup.Any(Mobile, Path(ConditionOperator.Is, "/")),
            ConditionGroup.Any(Mobile, new Condition("visitor.visits", ConditionOperator.AtLeast, 3)),
        ];
        var messages = rules.Select((rule, i) => Planned(i, rule)).ToArray();

        var index = CandidateIndex.Build(messages);

        Assert.Equal(
            [
                "Suffix page.path /topic-1",
                "Suffix page.path /topic-2",
                "Prefix page.path /blog/",
                "Code device.type 1",
                "Contains page.url utm_campaign=",
                "Contains page.url utm_campaign=",
                "Code device.type 1 | Text page.path /",
                "residue",
            ],
            Enumerable.Range(0, rules.Length).Select(i => index.AnchorOf(i) is { } atoms ? string.Join(" | ", atoms.Select(Describe)) : "residue"));
        Assert.Equal([7], index.Residue);
        Assert.True(index.ListsMessagesTwice);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    [InlineData("/pricing")]
    [InlineData("/pricing/annual")]
    [InlineData("/products")]
    [InlineData("/products/")]
    [InlineData("/products/cat-1/shoes")]
    [InlineData("/productsX/cat-1")]
    [InlineData("/prod")]
    [InlineData("/blog/2026/topic")]
    [InlineData("/blog/2026/other")]
    [InlineData("/help/article-3")]
    [InlineData("/checkout/step-2")]
    public async Task Decide_WithTheIndex_ShowsTheFirstMessageWhoseConditionsHold(string? path)
    {
        ConditionGroup[] rules =
        [
            ConditionGroup.All(Path(ConditionOperator.Is, "/pricing")),
            ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products/cat-1/"), Mobile),
            ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products")),
            ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/*/topic")),
            ConditionGroup.All(Path(ConditionOperator.Is, "/help/article-3")),
            ConditionGroup.Any(Path(ConditionOperator.StartsWith, "/checkout/"), Path(ConditionOperator.Is, "/pricing/annual")),
            ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/*/cat-1*")),
            ConditionGroup.All(Path(ConditionOperator.IsNotSet)),
            ConditionGroup.All(Mobile, new Condition("visitor.country", ConditionOperator.Is, "FR")),
            ConditionGroup.All(Path(ConditionOperator.Is, "/")),
        ];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: time);
        for (var i = 0; i < rules.Length; i++)
        {
            // Each message is published later than the previous one, so the last written is evaluated first.
            time.Advance(TimeSpan.FromSeconds(1));
            var definition = Definitions.Agent($"Message {i}") with { Rules = new MessageRules { Conditions = rules[i] }, Frequency = MessageFrequency.EveryTime };
            var draft = (await catalog.CreateAsync("ws", definition, TestContext.Current.CancellationToken)).GetValueOrThrow();
            (await catalog.PublishAsync("ws", draft.Id, draft.Version, Snapshots.Healthy, TestContext.Current.CancellationToken)).EnsureSucceeded();
        }

        using var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), timeProvider: time);
        var live = catalog.GetLiveSet("ws");
        Assert.Empty(engine.ApplyLiveSet(live, Snapshots.Healthy));
        var visitor = new VisitorContext(engine.Fields);
        visitor.SetDeviceType(DeviceType.Mobile);
        visitor.SetCountry("DE");
        if (path is not null)
        {
            visitor.SetPageUrl("https://shop.example" + path);
        }

        // Without the index: the first message in plan order whose compiled conditions hold.
        var expected = live.GetMessages(Snapshots.WebChannel)
            .FirstOrDefault(m => ConditionCompiler.Default.Compile(m.Rules.Conditions!).GetValueOrThrow().Evaluate(visitor));

        var decision = await engine.DecideAsync(
            new VisitorEvent { WorkspaceId = "ws", ChannelId = Snapshots.WebChannel, VisitorId = "v-" + path?.Replace('/', '.'), Visitor = visitor },
            TestContext.Current.CancellationToken);

        Assert.Equal(expected is null ? DecisionOutcome.NoConditionsMet : DecisionOutcome.Show, decision.Outcome);
        Assert.Equal(expected?.Id, decision.Message?.MessageId);
    }

    private static string Describe(IndexAtom atom) =>
        $"{atom.Kind} {FieldCatalog.Default.Fields.Single(f => f.Slot == atom.Slot).Name} {string.Join(',', atom.Keys)}{(atom.IgnoreCase && atom.Kind != ProbeKind.LanguagePrimary ? " ignoring case" : string.Empty)}";

    private static PlannedMessage Planned(int i, ConditionGroup rule)
    {
        var message = Definitions.Agent($"Message {i}") with { Rules = new MessageRules { Conditions = rule } };
        var live = ProactiveMessage.CreateDraft($"m{i}", message, NodaTime.Instant.FromUnixTimeSeconds(0)).GetValueOrThrow();
        var shown = new ShownMessage(live, PresentationKind.LauncherBubble, SenderKind.DefaultSender, "Support", botId: null);
        return new PlannedMessage(live, ConditionCompiler.Default.Compile(rule).GetValueOrThrow(), shown, ProactiveMessaging.Model.Internal.ResolvedWindow.Always);
    }

    private static Condition Path(ConditionOperator @operator, string? value = null) =>
        value is null ? new Condition("page.path", @operator) : new Condition("page.path", @operator, value);
}
