using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// Plans built by applying a workspace's Live sets one after another (reusing what did not change)
/// decide as plans built from the last set alone.
/// </summary>
public sealed class PlanReuseProperties
{
    private const int Initial = 12;

    private enum Step
    {
        EditConditions,
        EditPriority,
        Remove,
        Add,
        Reload,
        RenameSender,
        ChangeKind,
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property AppliedOneAfterAnother_DecideAsAppliedAtOnce() =>
        Prop.ForAll(Steps().ToArbitrary(), steps =>
        {
            var messages = Enumerable.Range(0, Initial).ToDictionary(i => GeneratedLiveSets.Message(i).Id, i => GeneratedLiveSets.Message(i), StringComparer.Ordinal);
            var snapshot = Snapshots.Healthy;
            using var stepwise = NewEngine();
            long version = 1;
            stepwise.ApplyLiveSet(GeneratedLiveSets.Set(messages.Values, version), snapshot);
            var added = Initial;
            foreach (var (step, pick) in steps)
            {
                var ids = messages.Keys.Order(StringComparer.Ordinal).ToArray();
                var id = ids.Length == 0 ? null : ids[pick % ids.Length];
                switch (step)
                {
                    case Step.EditConditions when id is not null:
                        var moved = GeneratedLiveSets.Message(int.Parse(id[1..], CultureInfo.InvariantCulture), messages[id].Version + 1, "/moved/" + pick.ToString(CultureInfo.InvariantCulture));
                        messages[id] = moved;
                        break;
                    case Step.EditPriority when id is not null:
                        messages[id] = messages[id].With(definition: messages[id].Definition with { Priority = pick % 3 }, version: messages[id].Version + 1);
                        break;
                    case Step.Remove when id is not null:
                        messages.Remove(id);
                        break;
                    case Step.Add:
                        var message = GeneratedLiveSets.Message(added++);
                        messages[message.Id] = message;
                        break;
                    case Step.Reload when id is not null:
                        // Equal content in a new instance, as a store read gives it.
                        messages[id] = messages[id].With();
                        break;
                    case Step.RenameSender:
                        snapshot = Snapshots.WithChannel(Snapshots.WebChannel, channel => new ChannelInfo(channel.Id, channel.Kind) { BrandId = channel.BrandId, DefaultSenderName = "Sender " + pick.ToString(CultureInfo.InvariantCulture) });
                        break;
                    case Step.ChangeKind:
                        snapshot = Snapshots.WithChannel(Snapshots.WebChannel, channel => new ChannelInfo(channel.Id, pick % 2 == 0 ? ChannelKind.MobileSdk : ChannelKind.WebWidget) { BrandId = channel.BrandId, DefaultSenderName = channel.DefaultSenderName });
                        break;
                }

                stepwise.ApplyLiveSet(GeneratedLiveSets.Set(messages.Values, ++version), snapshot);
            }

            using var atOnce = NewEngine();
            atOnce.ApplyLiveSet(GeneratedLiveSets.Set(messages.Values, version), snapshot);
            var paths = Enumerable.Range(0, added).Select(GeneratedLiveSets.PathOf).Concat(steps.Select(s => "/moved/" + s.Pick.ToString(CultureInfo.InvariantCulture))).Distinct();
            foreach (var path in paths)
            {
                var (expected, actual) = (Decide(atOnce, path), Decide(stepwise, path));
                if (expected.Outcome != actual.Outcome || expected.Message?.MessageId != actual.Message?.MessageId
                    || expected.Message?.SenderName != actual.Message?.SenderName || expected.Message?.Presentation != actual.Message?.Presentation
                    || expected.Text != actual.Text)
                {
                    return false.Label($"on {path}: {actual} after the steps, {expected} at once ({string.Join(", ", steps)})");
                }
            }

            return true.ToProperty();
        });

    private static Gen<(Step Step, int Pick)[]> Steps() =>
        Gen.Zip(Gen.Elements(Enum.GetValues<Step>()), Gen.Choose(0, 1_000))
            .ArrayOf()
            .Where(steps => steps.Length <= 12);

    private static ProactiveEngine NewEngine() => new(new InMemoryFrequencyStore(), new InMemoryMetricsStore());

    private static Decision Decide(ProactiveEngine engine, string path)
    {
        var visitorEvent = new VisitorEvent
        {
            WorkspaceId = EngineHarness.Workspace,
            ChannelId = Snapshots.WebChannel,
            VisitorId = "visitor-" + Guid.NewGuid().ToString("N"),
            VisitId = "visit",
            PageViewId = "page",
            Kind = VisitorEventKind.PageView,
            Visitor = GeneratedLiveSets.Visitor(engine.Fields, path),
        };
        var pending = engine.DecideAsync(visitorEvent, TestContext.Current.CancellationToken);
        return pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The in-memory stores answer synchronously.");
    }
}
