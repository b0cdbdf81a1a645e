using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Runtime;
using Xunit;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>
/// A message with a rollout, three variants, a control group and a goal, from JSON through the
/// catalog and the engine to its results; and 100,000 simulated visitors with a known true lift.
/// </summary>
public sealed class ExperimentEndToEndTests
{
    private static readonly ProactiveMessagingOptions Options = new() { Fields = FieldCatalog.Default.WithEvent("purchase"), SeedPresets = false };

    private static readonly MessageExperiment Experiment = new()
    {
        RolloutPercent = 80m,
        Salt = "spring",
        Variants =
        [
            new MessageVariant { Id = "a", Weight = 34m, Text = "Questions about pricing?" },
            new MessageVariant { Id = "b", Weight = 33m, Text = new LocalizedText("Save 10% today: ask us how", [new("fr", "Économisez 10 % : demandez-nous")]) },
            new MessageVariant { Id = "c", Weight = 33m, Text = "Talk to sales" },
        ],
        HoldoutPercent = 25m,
        Goal = ConversionGoal.ForEvent("purchase"),
    };

    [Fact]
    public async Task MessageWithRolloutVariantsControlAndGoal_ReadFromJson_Published_Decided_Counted_AndReported()
    {
        using var harness = new EngineHarness(Options);
        var message = await ImportAndPublishAsync(harness);
        var shownBy = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 400; i++)
        {
            var visitor = "visitor-" + i.ToString(CultureInfo.InvariantCulture);
            var decision = await harness.Engine.DecideAsync(EngineHarness.Event(visitor, harness.Visitor(language: "fr")), EngineHarness.Token);
            var key = decision.ShouldShow ? decision.Message!.VariantId! : decision.Outcome.ToString();
            shownBy[key] = shownBy.GetValueOrDefault(key) + 1;
            if (decision.ShouldShow && decision.Message!.VariantId == "b")
            {
                Assert.Equal("Économisez 10 % : demandez-nous", decision.Text);
            }

            if (decision.ShouldShow && i % 3 == 0)
            {
                await harness.OutcomeAsync(visitor, message.Id, VisitorOutcome.Opened);
            }

            if (decision.Outcome is DecisionOutcome.Show or DecisionOutcome.HeldOut && i % 5 == 0)
            {
                await PurchaseAsync(harness, visitor);
            }
        }

        Assert.Equal(400, shownBy.Values.Sum());
        Assert.True(shownBy.Keys.ToHashSet().SetEquals(["a", "b", "c", nameof(DecisionOutcome.HeldOut), nameof(DecisionOutcome.NotInRollout)]), string.Join(", ", shownBy));

        var results = await harness.Catalog.GetExperimentResultsAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        Assert.NotNull(results);
        Assert.Equal(["a", "b", "c", ExperimentArms.Control], results.Arms.Select(arm => arm.ArmId));
        foreach (var arm in results.Arms.Where(arm => !arm.IsControl))
        {
            Assert.Equal(shownBy[arm.ArmId], arm.Visitors);
            Assert.NotNull(arm.VersusControl);
        }

        Assert.Equal(shownBy[nameof(DecisionOutcome.HeldOut)], results.Control!.Visitors);
        Assert.Equal(0, results.Control.Opened);

        var page = await harness.Catalog.ListAsync(EngineHarness.Workspace, cancellationToken: EngineHarness.Token);
        var listed = Assert.Single(page.Items);
        Assert.Equal(shownBy["a"] + shownBy["b"] + shownBy["c"], listed.Metrics.Sent);
        Assert.Equal(["a", "b", "c", ExperimentArms.Control], page.Arms[message.Id].Select(arm => arm.ArmId));
        Assert.Equal(listed.Metrics.Opened, page.Arms[message.Id].Sum(arm => arm.Opened));
        Assert.Equal(results.Arms.Sum(arm => arm.Converted), page.Arms[message.Id].Sum(arm => arm.Converted));
    }

    [Fact]
    public async Task HundredThousandVisitors_WithAKnownTrueLift_AreReportedWithinTheirIntervals()
    {
        using var harness = new EngineHarness(Options);
        var message = await ImportAndPublishAsync(harness);

        // The true conversion rates: the control and variants a and c at 10 %, variant b at 13 %.
        var trueRate = new Dictionary<string, double>(StringComparer.Ordinal) { ["a"] = 0.10, ["b"] = 0.13, ["c"] = 0.10, [ExperimentArms.Control] = 0.10 };
        var random = new Random(20261129);
        var converted = new Dictionary<string, long>(StringComparer.Ordinal);
        var converting = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var visitor = "visitor-" + i.ToString(CultureInfo.InvariantCulture);
            var decision = await harness.Engine.DecideAsync(EngineHarness.Event(visitor, harness.Visitor()), EngineHarness.Token);
            var arm = decision.ShouldShow ? decision.Message!.VariantId! : decision.Outcome == DecisionOutcome.HeldOut ? ExperimentArms.Control : null;
            if (arm is not null && random.NextDouble() < trueRate[arm])
            {
                converted[arm] = converted.GetValueOrDefault(arm) + 1;
                converting.Add(visitor);
            }
        }

        harness.Time.Advance(Duration.FromHours(20));
        foreach (var visitor in converting)
        {
            await PurchaseAsync(harness, visitor);
        }

        var results = (await harness.Catalog.GetExperimentResultsAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token))!;
        var control = results.Control!;
        Assert.Equal(converted[ExperimentArms.Control], control.Converted);
        Assert.InRange(control.Visitors, 18_000, 22_000);
        foreach (var arm in results.Arms.Where(arm => !arm.IsControl))
        {
            Assert.Equal(converted[arm.ArmId], arm.Converted);
            Assert.True(arm.RateInterval!.Value.Contains(trueRate[arm.ArmId]), $"{arm.ArmId}: {arm}");
            var lift = trueRate[arm.ArmId] - trueRate[ExperimentArms.Control];
            Assert.True(arm.VersusControl!.DifferenceInterval!.Value.Contains(lift), $"{arm.ArmId}: {arm.VersusControl}");
        }

        Assert.Equal(ComparisonVerdict.Better, results.Arms.Single(arm => arm.ArmId == "b").VersusControl!.Verdict);
        Assert.All(results.Arms.Where(arm => arm.ArmId is "a" or "c"), arm => Assert.Equal(ComparisonVerdict.NoSignificantDifference, arm.VersusControl!.Verdict));
        Assert.Equal(ExperimentConclusion.SomeArmBetter, results.Conclusion);
    }

    /// <summary>The message goes through the JSON format and the catalog's import before it is published and applied.</summary>
    private static async Task<ProactiveMessage> ImportAndPublishAsync(EngineHarness harness)
    {
        var draft = (await harness.Catalog.CreateAsync(EngineHarness.Workspace, EngineHarness.Agent("Pricing experiment") with { Experiment = Experiment }, EngineHarness.Token)).GetValueOrThrow();
        var json = MessageJson.WriteCatalog(await harness.Catalog.ExportAsync(EngineHarness.Workspace, EngineHarness.Token));
        Assert.Contains("\"holdoutPercent\"", json, StringComparison.Ordinal);
        await harness.Catalog.DeleteAsync(EngineHarness.Workspace, draft.Id, draft.Version, EngineHarness.Token);

        var document = MessageJson.ReadCatalog(json, new JsonFormatOptions { Validator = harness.Catalog.Validator }).GetValueOrThrow();
        var report = await harness.Catalog.ImportAsync(document, harness.Snapshot, cancellationToken: EngineHarness.Token);
        Assert.True(report.Problems.IsEmpty, string.Join("; ", report.Problems));
        var imported = (await harness.Catalog.GetAsync(EngineHarness.Workspace, draft.Id, EngineHarness.Token))!;
        Assert.Equal(Experiment, imported.Experiment);

        var published = await harness.Catalog.PublishAsync(EngineHarness.Workspace, imported.Id, imported.Version, harness.Snapshot, EngineHarness.Token);
        Assert.True(published.Succeeded, string.Join("; ", published.Problems));
        Assert.Empty(harness.Apply());
        return published.Message!;
    }

    private static async Task PurchaseAsync(EngineHarness harness, string visitorId) =>
        await harness.Engine.DecideAsync(EngineHarness.Event(visitorId, harness.Visitor(EngineHarness.BlogUrl), VisitorEventKind.AppEvent) with { EventName = "purchase" }, EngineHarness.Token);
}
