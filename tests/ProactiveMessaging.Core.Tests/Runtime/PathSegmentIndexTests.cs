using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

public sealed class PathSegmentIndexTests
{
    private static readonly Condition Mobile = new("device.type", ConditionOperator.Is, "mobile");

    public static TheoryData<ConditionGroup, string?> Groups => new()
    {
        // A page.path literal that reaches past the first segment ties the message to it.
        { ConditionGroup.All(Path(ConditionOperator.Is, "/pricing")), "/pricing" },
        { ConditionGroup.All(Mobile, Path(ConditionOperator.Is, "/help/article-3")), "/help" },
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products/cat-1/"), Mobile), "/products" },
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products/")), "/products" },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/blog/*/topic")), "/blog" },
        { ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing")), "/pricing" },

        // A literal that stops inside the first segment, or none at all.
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/products")), null },
        { ConditionGroup.All(Path(ConditionOperator.StartsWith, "/")), null },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "/*/reviews")), null },
        { ConditionGroup.All(Path(ConditionOperator.MatchesWildcard, "*/reviews")), null },

        // Not a necessary page.path condition.
        { ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing"), Mobile), null },
        { ConditionGroup.All(ConditionGroup.Any(Path(ConditionOperator.Is, "/pricing"), Mobile), Mobile), null },
        { ConditionGroup.All(Path(ConditionOperator.IsNot, "/pricing/x")), null },
        { ConditionGroup.None(Path(ConditionOperator.Is, "/pricing/x")), null },
        { ConditionGroup.All(Path(ConditionOperator.DoesNotStartWith, "/pricing/x")), null },
        { ConditionGroup.All(Path(ConditionOperator.Contains, "/pricing/")), null },
        { ConditionGroup.All(new Condition("page.url", ConditionOperator.StartsWith, "https://shop.example/pricing/")), null },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void RequiredSegment_IsTheSegmentEveryMatchingPathHas(ConditionGroup group, string? expected) =>
        Assert.Equal(expected, PathSegmentIndex.RequiredSegment(group));

    [Theory]
    [InlineData("/products/42", "/products")]
    [InlineData("/products", "/products")]
    [InlineData("/products/", "/products")]
    [InlineData("/", "/")]
    [InlineData("", "")]
    [InlineData("x/y", "x")]
    public void Segment_StopsBeforeTheFirstSlashAfterTheFirstCharacter(string path, string expected) =>
        Assert.Equal(expected, PathSegmentIndex.Segment(path).ToString());

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

    private static Condition Path(ConditionOperator @operator, string? value = null) =>
        value is null ? new Condition("page.path", @operator) : new Condition("page.path", @operator, value);
}
