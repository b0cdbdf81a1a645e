using NodaTime;
using ProactiveMessaging.Runtime.Internal;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>The engine's own visits and page views: shared id strings, distinct ids per visit, a bounded number of visitors.</summary>
public sealed class VisitTrackerTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 10, 0);

    [Fact]
    public void Ids_OfVisitorsWhoseVisitsStartInTheSameGapLongPeriod_AreTheSameStrings()
    {
        var tracker = new VisitTracker(Gap, capacity: 100);
        var first = Show(tracker, "alice", Start);
        var second = Show(tracker, "bob", Start + Duration.FromMinutes(29));

        Assert.Same(first.VisitId, second.VisitId);
        Assert.Same(first.PageViewId, second.PageViewId);
        Assert.Equal("page-1", first.PageViewId);
    }

    [Fact]
    public void Ids_OfALaterVisit_Differ_AndSoDoThoseOfVisitsInLaterPeriods()
    {
        var tracker = new VisitTracker(Gap, capacity: 100);
        var first = Show(tracker, "alice", Start);
        var sameVisit = Show(tracker, "alice", Start + Duration.FromMinutes(29));
        var nextVisit = Show(tracker, "alice", Start + Duration.FromMinutes(59));
        var otherPeriod = Show(tracker, "bob", Start + Duration.FromMinutes(31));

        Assert.Equal(first.VisitId, sameVisit.VisitId);
        Assert.Equal("page-2", sameVisit.PageViewId);
        Assert.NotEqual(first.VisitId, nextVisit.VisitId);
        Assert.NotEqual(first.VisitId, otherPeriod.VisitId);
    }

    [Fact]
    public void Ids_OfAVisitorForgottenByCapacity_AndBackAfterTheGap_AreANewVisit()
    {
        var tracker = new VisitTracker(Gap, capacity: 1);
        var first = Show(tracker, "alice", Start);
        Show(tracker, "bob", Start + Duration.FromMinutes(1));
        Assert.Equal(string.Empty, tracker.CurrentVisit("ws", "alice", visitId: null));

        var back = Show(tracker, "alice", Start + Duration.FromMinutes(31));

        Assert.NotEqual(first.VisitId, back.VisitId);
    }

    [Fact]
    public void Capacity_WhenExceeded_ForgetsTheVisitorsIdleLongest()
    {
        var tracker = new VisitTracker(Gap, capacity: 10);
        for (var i = 0; i < 11; i++)
        {
            tracker.Touch("ws", $"visitor-{i}", null, null, isPageView: true, Start + Duration.FromSeconds(i));
        }

        Assert.InRange(tracker.Count, 1, 10);
        Assert.Equal(string.Empty, tracker.CurrentVisit("ws", "visitor-0", visitId: null));
        Assert.NotEqual(string.Empty, tracker.CurrentVisit("ws", "visitor-10", visitId: null));
    }

    [Fact]
    public void Ids_WithTheHostsVisitIdOnly_NumberPageViewsWithinIt_AndAgainInTheNextVisit()
    {
        var tracker = new VisitTracker(Gap, capacity: 100);
        tracker.Touch("ws", "alice", "s1", null, isPageView: true, Start);
        tracker.Touch("ws", "alice", "s1", null, isPageView: true, Start);
        var second = tracker.Ids("ws", "alice", "s1", null, Start);
        tracker.Touch("ws", "alice", "s2", null, isPageView: true, Start);
        var next = tracker.Ids("ws", "alice", "s2", null, Start);

        Assert.Equal(("s1", "page-2"), second);
        Assert.Equal(("s2", "page-1"), next);
        Assert.Equal("s2", tracker.CurrentVisit("ws", "alice", visitId: null));
    }

    private static (string VisitId, string PageViewId) Show(VisitTracker tracker, string visitorId, Instant now)
    {
        tracker.Touch("ws", visitorId, null, null, isPageView: true, now);
        return tracker.Ids("ws", visitorId, null, null, now);
    }
}
