using System.Collections.Immutable;
using NodaTime;

namespace ProactiveMessaging.Model.Internal;

/// <summary>The checks of a <see cref="CampaignWindow"/>: those that need no time zone when validating, and the others need one and are publish requirements.</summary>
internal static class CampaignWindowRules
{
    public const string Path = "$.window";

    /// <summary>
    /// The years a date bound may have: the start of any such day, in any zone, is an
    /// <see cref="Instant"/>, and so is the start of the day after an end date.
    /// </summary>
    private const int MinYear = 1;
    private const int MaxYear = 9998;

    public static void Validate(CampaignWindow? window, ImmutableArray<Problem>.Builder problems)
    {
        if (window is null)
        {
            return;
        }

        if (window.Start is null && window.End is null)
        {
            problems.Add(new Problem(ModelProblemCodes.WindowEmpty, "A campaign window has a start, an end or both; to run the message without one, remove the window.", Path));
            return;
        }

        var datesInRange = CheckYear(window.Start, Path + ".start", problems) & CheckYear(window.End, Path + ".end", problems);
        if (window is not { Start: { } start, End: { } end } || !datesInRange)
        {
            return;
        }

        // A date and an instant compare only in a zone: the publish requirements check them with the schedule's.
        if (start.Instant is { } from && end.Instant is { } to && to <= from)
        {
            problems.Add(new Problem(ModelProblemCodes.WindowEndBeforeStart, $"The campaign window ends ({end}) before or when it starts ({start}): no instant is inside it.", Path + ".end"));
        }
        else if (start.Date is { } first && end.Date is { } last && last < first)
        {
            problems.Add(new Problem(ModelProblemCodes.WindowEndBeforeStart, $"The campaign window ends on {end}, before it starts on {start}; an end date is included, so a one-day campaign starts and ends on the same date.", Path + ".end"));
        }
    }

    private static bool CheckYear(CampaignBound? bound, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (bound?.Date is { Year: < MinYear or > MaxYear } date)
        {
            problems.Add(new Problem(ModelProblemCodes.WindowDateOutOfRange, $"The date {bound} is outside the years {MinYear} to {MaxYear}.", path));
            return false;
        }

        return true;
    }
}
