#if BASELINE
extern alias baseline;
#endif

using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Storage;
#if BASELINE
using Before = baseline::ProactiveMessaging;
#endif

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// What a decision costs before any message is evaluated, the host passing its visit and page view
/// ids, with the in-memory stores and no telemetry listener.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="PlanOnly"/>: an event on a channel without Live messages: the event checks, the
/// plan lookup and the telemetry; nothing to evaluate or track.</item>
/// <item><see cref="RuledOut"/>: an event on a channel of 10 Live messages sent only outside business
/// hours while the schedule is open: the same, plus the clock reading and the timing that rules every
/// message out before its conditions.</item>
/// </list>
/// Run by <c>bash scripts/bench-baseline.sh REVISION --filter '*FixedCost*'</c>, the rows ending in
/// <c>Before</c> measure that revision's library in the same run.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class FixedCostBenchmarks
{
    private const string Workspace = "ws-bench";
    private const string EmptyChannel = "web-empty";
    private const string ClosedChannel = "web-closed";
    private const int RuledOutMessages = 10;
    private const string Url = "https://shop.example.com/blog/2026/spring-sale?utm_source=newsletter";

    private ProactiveEngine _engine = null!;
    private VisitorEvent _empty;
    private VisitorEvent _ruledOut;
#if BASELINE
    private Before.Runtime.ProactiveEngine _engineBefore = null!;
    private Before.Runtime.VisitorEvent _emptyBefore;
    private Before.Runtime.VisitorEvent _ruledOutBefore;
#endif

    [GlobalSetup]
    public void Setup()
    {
        _engine = CreateEngine();
        _empty = Event(_engine, EmptyChannel);
        _ruledOut = Event(_engine, ClosedChannel);
        Expect(DecisionOutcome.NoLiveMessage, Decide(_empty));
        Expect(DecisionOutcome.OutsideTiming, Decide(_ruledOut));
#if BASELINE
        _engineBefore = CreateEngineBefore();
        _emptyBefore = EventBefore(_engineBefore, EmptyChannel);
        _ruledOutBefore = EventBefore(_engineBefore, ClosedChannel);
        Expect(DecisionOutcome.NoLiveMessage, (DecisionOutcome)(int)DecideBefore(_emptyBefore));
        Expect(DecisionOutcome.OutsideTiming, (DecisionOutcome)(int)DecideBefore(_ruledOutBefore));
#endif
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
#if BASELINE
        _engineBefore.Dispose();
#endif
    }

#if BASELINE
    // The rows return the outcome as a number: BenchmarkDotNet's generated project does not see the alias.
    [Benchmark(Baseline = true)]
    public int PlanOnlyBefore() => (int)DecideBefore(_emptyBefore);

    [Benchmark]
    public int RuledOutBefore() => (int)DecideBefore(_ruledOutBefore);
#endif

    [Benchmark]
    public int PlanOnly() => (int)Decide(_empty);

    [Benchmark]
    public int RuledOut() => (int)Decide(_ruledOut);

    private static ProactiveEngine CreateEngine()
    {
        var snapshot = new WorkspaceSnapshot
        {
            AgentWorkspaceActive = true,
            MessagingActive = true,
            DefaultScheduleId = "always",
            Schedules = [BusinessHoursSchedule.Create("always", "Europe/Berlin", [.. Enumerable.Range(1, 7).Select(day => new WeeklyInterval((IsoDayOfWeek)day, LocalTime.Midnight, LocalTime.Midnight))]).GetValueOrThrow()],
            Channels =
            [
                new ChannelInfo(EmptyChannel, ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
                new ChannelInfo(ClosedChannel, ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
            ],
        };
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore());
        for (var i = 0; i < RuledOutMessages; i++)
        {
            var definition = new MessageDefinition
            {
                Name = "After hours " + i.ToString(CultureInfo.InvariantCulture),
                ChannelId = ClosedChannel,
                Reply = new AgentReply("Leave us a message and we will answer in the morning."),
                Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.path", ConditionOperator.StartsWith, "/products/cat-" + i.ToString(CultureInfo.InvariantCulture))) },
                Timing = MessageTiming.OutsideBusinessHours,
            };
            var created = catalog.CreateAsync(Workspace, definition).GetAwaiter().GetResult().GetValueOrThrow();
            if (!catalog.PublishAsync(Workspace, created.Id, created.Version, snapshot).GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException("A message was not published.");
            }
        }

        var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());
        if (!engine.ApplyLiveSet(catalog.GetLiveSet(Workspace), snapshot).IsEmpty)
        {
            throw new InvalidOperationException("A message was left out of the plans.");
        }

        return engine;
    }

    private static VisitorEvent Event(ProactiveEngine engine, string channel) => new()
    {
        WorkspaceId = Workspace,
        ChannelId = channel,
        VisitorId = "visitor-1",
        VisitId = "visit-1",
        PageViewId = "page-1",
        Kind = VisitorEventKind.Heartbeat,
        Visitor = RuntimeWorkspace.Visitor(engine.Fields, Url),
    };

    private static void Expect(DecisionOutcome expected, DecisionOutcome actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Expected {expected}, got {actual}.");
        }
    }

    private DecisionOutcome Decide(VisitorEvent visitorEvent)
    {
        var pending = _engine.DecideAsync(visitorEvent);

        // The in-memory stores complete synchronously; anything else would be measured wrong.
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }

#if BASELINE
    private static Before.Runtime.ProactiveEngine CreateEngineBefore()
    {
        var snapshot = new Before.Lifecycle.WorkspaceSnapshot
        {
            AgentWorkspaceActive = true,
            MessagingActive = true,
            DefaultScheduleId = "always",
            Schedules = [Before.Scheduling.BusinessHoursSchedule.Create("always", "Europe/Berlin", [.. Enumerable.Range(1, 7).Select(day => new Before.Scheduling.WeeklyInterval((IsoDayOfWeek)day, LocalTime.Midnight, LocalTime.Midnight))]).GetValueOrThrow()],
            Channels =
            [
                new Before.Lifecycle.ChannelInfo(EmptyChannel, Before.Lifecycle.ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
                new Before.Lifecycle.ChannelInfo(ClosedChannel, Before.Lifecycle.ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support" },
            ],
        };
        var catalog = new Before.Lifecycle.MessageCatalog(new Before.Storage.InMemoryMessageStore(), new Before.Storage.InMemoryMetricsStore());
        for (var i = 0; i < RuledOutMessages; i++)
        {
            var definition = new Before.Model.MessageDefinition
            {
                Name = "After hours " + i.ToString(CultureInfo.InvariantCulture),
                ChannelId = ClosedChannel,
                Reply = new Before.Model.AgentReply("Leave us a message and we will answer in the morning."),
                Rules = new Before.Model.MessageRules { Conditions = Before.Conditions.ConditionGroup.All(new Before.Conditions.Condition("page.path", Before.Conditions.ConditionOperator.StartsWith, "/products/cat-" + i.ToString(CultureInfo.InvariantCulture))) },
                Timing = Before.Model.MessageTiming.OutsideBusinessHours,
            };
            var created = catalog.CreateAsync(Workspace, definition).GetAwaiter().GetResult().GetValueOrThrow();
            if (!catalog.PublishAsync(Workspace, created.Id, created.Version, snapshot).GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException("A message was not published.");
            }
        }

        var engine = new Before.Runtime.ProactiveEngine(new Before.Storage.InMemoryFrequencyStore(), new Before.Storage.InMemoryMetricsStore());
        if (!engine.ApplyLiveSet(catalog.GetLiveSet(Workspace), snapshot).IsEmpty)
        {
            throw new InvalidOperationException("A message was left out of the plans.");
        }

        return engine;
    }

    private static Before.Runtime.VisitorEvent EventBefore(Before.Runtime.ProactiveEngine engine, string channel)
    {
        // The visitor of RuntimeWorkspace.Visitor, field for field.
        var visitor = new Before.Conditions.VisitorContext(engine.Fields);
        visitor.SetPageUrl(Url);
        visitor.SetPageTitle("Example Shop");
        visitor.SetTimeOnPage(Duration.FromSeconds(45));
        visitor.SetPageViews(3);
        visitor.SetVisits(3);
        visitor.SetReturning(true);
        visitor.SetIdentified(false);
        visitor.SetLanguage("de-DE");
        visitor.SetCountry("DE");
        visitor.SetDeviceType(Before.Conditions.DeviceType.Mobile);
        visitor.SetOperatingSystem("Android");
        visitor.SetBrowser("Chrome");
        visitor.SetChannelKind("webWidget");
        return new Before.Runtime.VisitorEvent
        {
            WorkspaceId = Workspace,
            ChannelId = channel,
            VisitorId = "visitor-1",
            VisitId = "visit-1",
            PageViewId = "page-1",
            Kind = Before.Runtime.VisitorEventKind.Heartbeat,
            Visitor = visitor,
        };
    }

    private Before.Runtime.DecisionOutcome DecideBefore(Before.Runtime.VisitorEvent visitorEvent)
    {
        var pending = _engineBefore.DecideAsync(visitorEvent);
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }
#endif
}
