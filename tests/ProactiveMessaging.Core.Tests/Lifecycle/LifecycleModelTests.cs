using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>
/// Runs random sequences of actions and workspace changes against the catalog and against a small
/// model of the state machine, and checks after every step that both agree and that the
/// lifecycle's invariants hold.
/// </summary>
public sealed class LifecycleModelTests
{
    private const string Ws = CatalogHarness.Workspace;

    private enum Op
    {
        Create,
        Edit,
        Duplicate,
        Publish,
        Pause,
        Resume,
        Delete,
        ChangeWorkspace,
        Reconcile,
        RecordMetrics,
    }

    /// <summary>What a definition is, as far as the requirements care.</summary>
    private enum Kind
    {
        Agent,
        Bot,
        Incomplete,
    }

    [Fact]
    public void RandomActionSequences_AgreeWithTheModel_AndKeepTheInvariants()
    {
        var step = from op in Gen.Frequency(
                       (3, Gen.Constant(Op.Create)),
                       (3, Gen.Constant(Op.Edit)),
                       (2, Gen.Constant(Op.Duplicate)),
                       (4, Gen.Constant(Op.Publish)),
                       (2, Gen.Constant(Op.Pause)),
                       (2, Gen.Constant(Op.Resume)),
                       (1, Gen.Constant(Op.Delete)),
                       (2, Gen.Constant(Op.ChangeWorkspace)),
                       (2, Gen.Constant(Op.Reconcile)),
                       (1, Gen.Constant(Op.RecordMetrics)))
                   from target in Gen.Choose(0, 30)
                   from kind in Gen.Elements(Kind.Agent, Kind.Bot, Kind.Incomplete)
                   from stale in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                   from workspace in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 15)))
                   select new Step(op, target, kind, stale, workspace);
        var sequences = step.ArrayOf();

        var property = Prop.ForAll(Arb.From(sequences), (Step[] steps) => Run(steps));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000).WithEndSize(50), property);
    }

    private static void Run(Step[] steps)
    {
        var harness = new CatalogHarness();
        var catalog = harness.Catalog;
        var model = new Dictionary<string, ModelMessage>(StringComparer.Ordinal);

        // The presets: incomplete Drafts.
        foreach (var preset in Wait(catalog.ListAsync(Ws)).Items)
        {
            model.Add(preset.Id, new ModelMessage(Kind.Incomplete, MessageStatus.Draft, 1, MessageMetrics.Zero));
        }

        var flags = 0;
        var workspaceEverChanged = false;
        var before = Snapshot(harness);
        for (var index = 0; index < steps.Length; index++)
        {
            var s = steps[index];
            var ids = model.Keys.Order(StringComparer.Ordinal).ToList();
            var slot = s.Target % (ids.Count + 1);
            var id = slot == ids.Count ? "ghost" : ids[slot];
            model.TryGetValue(id, out var current);
            var expected = current is null ? 0 : s.Stale ? current.Version - 1 : current.Version;
            var snapshot = ToSnapshot(flags);
            var context = $"step {index}: {s} on {id}";
            MessageActionResult? result = null;

            switch (s.Op)
            {
                case Op.Create:
                    var created = Wait(catalog.CreateAsync(Ws, Define(s.Kind, $"Created {index}"))).GetValueOrThrow();
                    model.Add(created.Id, new ModelMessage(s.Kind, MessageStatus.Draft, 1, MessageMetrics.Zero));
                    break;

                case Op.Edit:
                    result = Wait(catalog.EditAsync(Ws, id, expected, Define(s.Kind, $"Edited {index}"), snapshot));
                    Expect(result, current, s.Stale, MessageAction.Edit, context, () => current!.Status switch
                    {
                        MessageStatus.Draft => current with { Kind = s.Kind, Version = current.Version + 1 },
                        MessageStatus.Live or MessageStatus.Paused => Works(s.Kind, flags) ? current with { Kind = s.Kind, Version = current.Version + 1 } : null,
                        _ => current with { Kind = s.Kind, Version = current.Version + 1, Status = Works(s.Kind, flags) ? MessageStatus.Draft : MessageStatus.Error },
                    }, model, id);
                    break;

                case Op.Duplicate:
                    result = Wait(catalog.DuplicateAsync(Ws, id));
                    Expect(result, current, stale: false, MessageAction.Duplicate, context, () => current, model, id);
                    if (result.Succeeded)
                    {
                        var copy = result.Message!;
                        Assert.True(copy.Status == MessageStatus.Draft && copy.Metrics == MessageMetrics.Zero && copy.Version == 1, context);
                        Assert.NotEqual(id, copy.Id);
                        model.Add(copy.Id, new ModelMessage(current!.Kind, MessageStatus.Draft, 1, MessageMetrics.Zero));
                    }

                    break;

                case Op.Publish or Op.Resume:
                    var action = s.Op == Op.Publish ? MessageAction.Publish : MessageAction.Resume;
                    result = Wait(action == MessageAction.Publish
                        ? catalog.PublishAsync(Ws, id, expected, snapshot)
                        : catalog.ResumeAsync(Ws, id, expected, snapshot));
                    Expect(result, current, s.Stale, action, context, () => Works(current!.Kind, flags) ? current with { Status = MessageStatus.Live, Version = current.Version + 1 } : null, model, id);
                    break;

                case Op.Pause:
                    result = Wait(catalog.PauseAsync(Ws, id, expected));
                    Expect(result, current, s.Stale, MessageAction.Pause, context, () => current! with { Status = MessageStatus.Paused, Version = current.Version + 1 }, model, id);
                    break;

                case Op.Delete:
                    result = Wait(catalog.DeleteAsync(Ws, id, expected));
                    Expect(result, current, s.Stale, MessageAction.Delete, context, () => current, model, id);
                    if (result.Succeeded)
                    {
                        model.Remove(id);
                    }

                    break;

                case Op.ChangeWorkspace:
                    flags = s.Workspace;
                    workspaceEverChanged |= flags != 0;
                    break;

                case Op.Reconcile:
                    var report = Wait(catalog.ReconcileAsync(Ws, snapshot));
                    var broken = model.Where(p => p.Value.Status is MessageStatus.Live or MessageStatus.Paused && !Works(p.Value.Kind, flags))
                        .Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                    Assert.Equal(broken, report.Changes.Select(c => c.MessageId));
                    foreach (var change in report.Changes)
                    {
                        Assert.Equal(model[change.MessageId].Status, change.OldStatus);
                        Assert.NotEmpty(change.Problems);
                        model[change.MessageId] = model[change.MessageId] with { Status = MessageStatus.Error, Version = model[change.MessageId].Version + 1 };
                    }

                    break;

                case Op.RecordMetrics when current is not null:
                    var stored = Wait(harness.GetAsync(id))!;
                    var metrics = new MessageMetrics(stored.Metrics.Sent + 3, stored.Metrics.Opened + 2, stored.Metrics.Replied + 1);
                    Wait(harness.SetMetricsAsync(stored, metrics));
                    model[id] = current with { Metrics = metrics, Version = current.Version + 1 };
                    break;
            }

            var after = Snapshot(harness);
            CheckAgreement(model, after, context);
            CheckInvariants(before, after, s, result, workspaceEverChanged, context);
            CheckLiveSet(catalog, after, context);
            before = after;
        }
    }

    /// <summary>Checks a result against the model's expectation and applies the expected change to the model.</summary>
    private static void Expect(
        MessageActionResult result,
        ModelMessage? current,
        bool stale,
        MessageAction action,
        string context,
        Func<ModelMessage?> whenAllowed,
        Dictionary<string, ModelMessage> model,
        string id)
    {
        if (current is null)
        {
            Assert.True(result.Refusal == MessageActionRefusal.NotFound, context);
            return;
        }

        if (stale && action != MessageAction.Duplicate)
        {
            Assert.True(result.Refusal == MessageActionRefusal.VersionConflict, context);
            return;
        }

        if (!MessageActions.IsAllowed(current.Status, action))
        {
            Assert.True(result.Refusal == MessageActionRefusal.NotAllowed, $"{context}: {result}");
            Assert.Equal((current.Status, action), (result.Status!.Value, result.Action));
            return;
        }

        var next = whenAllowed();
        if (next is null)
        {
            Assert.True(result.Refusal == MessageActionRefusal.Problems, $"{context}: {result}");
            Assert.NotEmpty(result.Problems);
            return;
        }

        Assert.True(result.Succeeded, $"{context}: {result}");
        if (action is not MessageAction.Duplicate and not MessageAction.Delete)
        {
            model[id] = next;
        }
    }

    private static void CheckAgreement(Dictionary<string, ModelMessage> model, Dictionary<string, ProactiveMessage> actual, string context)
    {
        Assert.True(model.Count == actual.Count, $"{context}: {model.Count} messages expected, {actual.Count} stored");
        foreach (var (id, expected) in model)
        {
            Assert.True(actual.TryGetValue(id, out var message), $"{context}: {id} is missing");
            Assert.True(
                (expected.Status, expected.Version, expected.Metrics) == (message.Status, message.Version, message.Metrics),
                $"{context}: {id} expected {expected}, stored {message.Status} v{message.Version} {message.Metrics}");
            Assert.Equal(message.Status == MessageStatus.Error, !message.Problems.IsEmpty);
        }
    }

    private static void CheckInvariants(
        Dictionary<string, ProactiveMessage> before,
        Dictionary<string, ProactiveMessage> after,
        Step step,
        MessageActionResult? result,
        bool workspaceEverChanged,
        string context)
    {
        foreach (var (id, old) in before)
        {
            if (!after.TryGetValue(id, out var now))
            {
                // Deleted messages are gone, and only Delete removes one.
                Assert.True(step.Op == Op.Delete && result!.Succeeded && result.MessageId == id, context);
                continue;
            }

            if (old.Status != now.Status)
            {
                var allowed = (old.Status, now.Status, step.Op) switch
                {
                    (MessageStatus.Draft, MessageStatus.Live, Op.Publish) => true,
                    (MessageStatus.Live, MessageStatus.Paused, Op.Pause) => true,
                    (MessageStatus.Paused, MessageStatus.Live, Op.Resume) => true,
                    (MessageStatus.Live or MessageStatus.Paused, MessageStatus.Error, Op.Reconcile) => true,
                    (MessageStatus.Error, MessageStatus.Draft, Op.Edit) => true,
                    _ => false,
                };
                Assert.True(allowed, $"{context}: {id} went {old.Status} -> {now.Status}");
            }

            // Metrics change only when the runtime records them.
            if (step.Op != Op.RecordMetrics)
            {
                Assert.True(old.Metrics == now.Metrics, $"{context}: metrics of {id} changed");
            }

            if (old.Version != now.Version)
            {
                Assert.Equal(old.Version + 1, now.Version);
            }
        }

        foreach (var (id, now) in after)
        {
            if (!before.ContainsKey(id))
            {
                Assert.True(now.Status == MessageStatus.Draft && now.Metrics == MessageMetrics.Zero && now.Version == 1, $"{context}: new message {id}");
            }

            // Error only ever follows a change of the workspace.
            Assert.True(workspaceEverChanged || now.Status != MessageStatus.Error, $"{context}: {id} in Error without a workspace change");
        }
    }

    private static void CheckLiveSet(MessageCatalog catalog, Dictionary<string, ProactiveMessage> after, string context)
    {
        var set = catalog.GetLiveSet(Ws);
        var expected = after.Values.Where(m => m.Status == MessageStatus.Live).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.True(
            expected.SequenceEqual(set.Channels.Values.SelectMany(m => m).Select(m => m.Id).Order(StringComparer.Ordinal)),
            $"{context}: the Live set v{set.Version} does not hold the Live messages");
        foreach (var (channel, messages) in set.Channels)
        {
            // Recorded metrics bump the stored version without republishing; what the runtime runs must match.
            Assert.All(messages, m => Assert.Equal((channel, after[m.Id].Definition, after[m.Id].PublishedAt), (m.ChannelId!, m.Definition, m.PublishedAt)));
        }
    }

    private static Dictionary<string, ProactiveMessage> Snapshot(CatalogHarness harness) =>
        Wait(harness.Store.ListAsync(Ws).AsTask()).ToDictionary(m => m.Id, StringComparer.Ordinal);

    /// <summary>Whether a definition of this kind meets every requirement of the workspace described by the flags.</summary>
    private static bool Works(Kind kind, int flags) => kind switch
    {
        Kind.Agent => (flags & (MessagingOff | WebChannelDeleted)) == 0,
        Kind.Bot => (flags & (MessagingOff | BotUnpublished | AnswerUnpublished)) == 0,
        _ => false,
    };

    private const int MessagingOff = 1;
    private const int WebChannelDeleted = 2;
    private const int BotUnpublished = 4;
    private const int AnswerUnpublished = 8;

    private static WorkspaceSnapshot ToSnapshot(int flags)
    {
        var snapshot = Snapshots.Healthy;
        if ((flags & MessagingOff) != 0)
        {
            snapshot = snapshot with { MessagingActive = false };
        }

        if ((flags & WebChannelDeleted) != 0)
        {
            snapshot = snapshot with { Channels = [.. snapshot.Channels.Where(c => c.Id != Snapshots.WebChannel)] };
        }

        if ((flags & (BotUnpublished | AnswerUnpublished)) != 0)
        {
            snapshot = snapshot with
            {
                Bots = [.. snapshot.Bots.Select(b => b with
                {
                    IsPublished = (flags & BotUnpublished) == 0,
                    PublishedAnswerIds = (flags & AnswerUnpublished) == 0 ? b.PublishedAnswerIds : ["answer2"],
                })],
            };
        }

        return snapshot;
    }

    private static MessageDefinition Define(Kind kind, string name) => kind switch
    {
        Kind.Agent => Definitions.Agent(name),
        Kind.Bot => Definitions.Bot(name),
        _ => Definitions.Incomplete(name),
    };

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private sealed record Step(Op Op, int Target, Kind Kind, bool Stale, int Workspace)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Op} target={Target} kind={Kind} stale={Stale} workspace={Workspace}");
    }

    private sealed record ModelMessage(Kind Kind, MessageStatus Status, long Version, MessageMetrics Metrics);
}
