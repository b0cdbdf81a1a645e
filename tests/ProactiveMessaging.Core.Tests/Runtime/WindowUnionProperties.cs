using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Runtime.Internal;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>The merged windows answer "is one of them open?" exactly as asking each window does.</summary>
public sealed class WindowUnionProperties
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Property(MaxTest = 2000)]
    public Property Contains_AgreesWithAskingEachWindow() =>
        Prop.ForAll(
            Arb.From(Gen.ListOf(Gen.Two(Gen.Choose(0, 40))).Select(pairs => pairs.Select(p => Window(p.Item1, p.Item2)).ToArray())),
            Arb.From(Gen.Choose(-2, 42)),
            (windows, hour) =>
            {
                var now = Origin + Duration.FromHours(hour);
                return WindowUnion.Of(windows).Contains(now) == windows.Any(window => window.Contains(now));
            });

    [Fact]
    public void Contains_AtTouchingWindows_HoldsAcrossTheSeam_AndNotAtTheEnd()
    {
        var union = WindowUnion.Of([Window(0, 2), Window(2, 4), Window(6, 7), ResolvedWindow.Unresolved]);

        Assert.Equal(
            [false, true, true, true, false, false, true, false],
            new[] { -1, 0, 2, 3, 4, 5, 6, 7 }.Select(hour => union.Contains(Origin + Duration.FromHours(hour))));
    }

    // A start after its end is an empty window, as an unresolved one is.
    private static ResolvedWindow Window(int startHour, int endHour) =>
        new(Origin + Duration.FromHours(startHour), Origin + Duration.FromHours(endHour));
}
