using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>A campaign window through the catalog: a date window loses its zone with its schedule, and a date covers exactly its local day in every zone.</summary>
public sealed class CampaignWindowLifecycleTests
{
    private static readonly string[] ZoneIds = [.. DateTimeZoneProviders.Tzdb.Ids];

    [Fact]
    public async Task Reconcile_WhenTheChannelLosesTheScheduleOfADateWindow_MovesTheMessageToError()
    {
        var harness = new CatalogHarness();
        var dated = await harness.CreateLiveAsync(Definitions.Agent("Dated") with { Window = new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(2025, 4, 1)) } });
        var exact = await harness.CreateLiveAsync(Definitions.Agent("Exact") with { Window = new CampaignWindow { Start = CampaignBound.At(Instant.FromUtc(2025, 4, 1, 0, 0)) } });

        var report = await harness.Catalog.ReconcileAsync(CatalogHarness.Workspace, Snapshots.Healthy with { DefaultScheduleId = null }, CatalogHarness.Token);

        var change = Assert.Single(report.Changes);
        Assert.Equal(dated.Id, change.MessageId);
        ProblemAssert.Single(change.Problems, RequirementProblemCodes.WindowScheduleMissing, ProblemKind.Unmet, "$.window");
        Assert.Equal(MessageStatus.Live, (await harness.GetAsync(exact.Id))!.Status);
    }

    /// <summary>
    /// In any tzdb zone and any date, a one-day window holds exactly the instants whose local date
    /// is that date: a start date's first instant is on it and the instant before is not, and the
    /// same at the end, whatever daylight saving time does to its midnights.
    /// </summary>
    [Property(MaxTest = 5000)]
    public Property Resolve_OneDayWindow_HoldsExactlyThatLocalDayInEveryZone()
    {
        var cases =
            from zoneId in Gen.Elements(ZoneIds)
            from days in Gen.Choose(0, 200 * 366)
            select (Zone: DateTimeZoneProviders.Tzdb[zoneId], Date: new LocalDate(1900, 1, 1).PlusDays(days));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var window = new CampaignWindow { Start = CampaignBound.OnDate(c.Date), End = CampaignBound.OnDate(c.Date) }.Resolve(c.Zone);
            LocalDate On(Instant instant) => instant.InZone(c.Zone).Date;
            return On(window.Start) == c.Date
                && On(window.Start - Duration.Epsilon) < c.Date
                && On(window.End - Duration.Epsilon) == c.Date
                && On(window.End) > c.Date
                && window.Contains(window.Start) && !window.Contains(window.End);
        });
    }
}
