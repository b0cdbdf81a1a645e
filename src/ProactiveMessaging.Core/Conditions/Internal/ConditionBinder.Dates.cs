using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The binding of conditions on instant and date fields.</summary>
internal sealed partial class ConditionBinder
{
    /// <summary>The longest duration of <c>withinLast</c> / <c>moreThanAgo</c>, in days: far beyond any use, and inside the calendar the reference interpreter counts in.</summary>
    public const int MaxRelativeDays = 100_000;

    private const double MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// The operators of instants and dates: absolute comparisons, then the relative forms measured
    /// from the evaluation's instant. A property, as <see cref="OperatorTable"/> reads it while the type initialises.
    /// </summary>
    private static ImmutableArray<ConditionOperator> DateOperators =>
    [
        ConditionOperator.Before, ConditionOperator.After, ConditionOperator.Between,
        ConditionOperator.WithinLast, ConditionOperator.MoreThanAgo, ConditionOperator.IsSet, ConditionOperator.IsNotSet,
    ];

    /// <summary>
    /// Parses an instant written in ISO 8601 with <c>Z</c> or an offset (<c>2026-03-01T09:30:00Z</c>,
    /// <c>2026-03-01T10:30:00+01:00</c>) into Unix milliseconds, finer digits dropped. Null when invalid.
    /// </summary>
    public static double? ParseInstant(ConditionValue value)
    {
        if (value.Kind != ConditionValueKind.Text)
        {
            return null;
        }

        var result = OffsetDateTimePattern.ExtendedIso.Parse(value.Text);
        return result.Success ? result.Value.ToInstant().ToUnixTimeMilliseconds() : null;
    }

    /// <summary>Parses a date written <c>yyyy-MM-dd</c> into days since 1970-01-01. Null when invalid.</summary>
    public static double? ParseDate(ConditionValue value)
    {
        if (value.Kind != ConditionValueKind.Text)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(value.Text);
        return result.Success ? DaysSinceEpoch(result.Value) : null;
    }

    /// <summary>The days from 1970-01-01 to a date (negative before it).</summary>
    public static double DaysSinceEpoch(LocalDate date) =>
        date.AtMidnight().InUtc().ToInstant().ToUnixTimeSeconds() / 86_400;

    /// <summary>The whole days of a relative form's duration; null when it is not a whole number of days.</summary>
    private static double? WholeDays(double seconds) => seconds % 86_400 == 0 ? seconds / 86_400 : null;

    private static BoundCondition? BindDate(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        var value = condition.Value;
        var isDate = field.Type == FieldType.Date;
        var example = isDate ? "a date such as \"2026-03-01\"" : "an instant such as \"2026-03-01T09:30:00Z\"";
        Func<ConditionValue, double?> parse = isDate ? ParseDate : ParseInstant;

        if (condition.Operator is ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo)
        {
            if (ConditionBinder.ParseDuration(value) is not { } seconds)
            {
                WrongType("a duration: seconds as a number, or an ISO 8601 duration such as \"P7D\" or \"PT12H\"", path, problems);
                return null;
            }

            if (seconds > MaxRelativeDays * 86_400.0)
            {
                problems.Add(new Problem(ConditionProblemCodes.ValueWrongType, $"The duration is longer than {MaxRelativeDays} days.", path));
                return null;
            }

            if (isDate && WholeDays(seconds) is null)
            {
                WrongType("a whole number of days on a date field, such as \"P30D\"", path, problems);
                return null;
            }

            // Instants count milliseconds; dates count days.
            return new BoundCondition { Source = condition, Field = field, Number = isDate ? seconds / 86_400 : seconds * 1000 };
        }

        if (condition.Operator == ConditionOperator.Between)
        {
            if (value.Kind != ConditionValueKind.Range)
            {
                WrongType($"a range {{\"min\": ..., \"max\": ...}} of {(isDate ? "dates" : "instants")}", path, problems);
                return null;
            }

            var min = parse(value.Min);
            var max = parse(value.Max);
            if (min is null)
            {
                WrongType(example, path + ".min", problems);
            }

            if (max is null)
            {
                WrongType(example, path + ".max", problems);
            }

            if (min is null || max is null)
            {
                return null;
            }

            if (min > max)
            {
                problems.Add(new Problem(ConditionProblemCodes.RangeInverted, $"The minimum '{Shorten(value.Min.Text)}' is after the maximum '{Shorten(value.Max.Text)}'.", path));
                return null;
            }

            return new BoundCondition { Source = condition, Field = field, Number = min.Value, Maximum = max.Value };
        }

        if (parse(value) is not { } operand)
        {
            WrongType(example, path, problems);
            return null;
        }

        return new BoundCondition { Source = condition, Field = field, Number = operand };
    }

    /// <summary>Today's date in UTC at an instant given in Unix milliseconds, as days since 1970-01-01 (NaN stays NaN).</summary>
    public static double TodayInUtc(double nowMilliseconds) => Math.Floor(nowMilliseconds / MillisecondsPerDay);
}
