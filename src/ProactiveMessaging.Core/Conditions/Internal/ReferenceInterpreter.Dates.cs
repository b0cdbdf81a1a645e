using NodaTime;
using NodaTime.Text;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Instants and dates in the reference interpreter: values read back into NodaTime's
/// <see cref="Instant"/> and <see cref="LocalDate"/> and compared as such, with the relative forms
/// counted in calendar days and durations, apart from the number arithmetic of <see cref="DateChecks"/>.
/// </summary>
internal sealed partial class ReferenceInterpreter
{
    private static bool EvaluateDate(FieldDefinition field, ConditionOperator op, ConditionValue value, VisitorContext visitor, out string? actual)
    {
        var present = visitor.Present[field.Slot];
        if (op is ConditionOperator.IsSet or ConditionOperator.IsNotSet)
        {
            actual = present ? Describe(field, visitor.Numbers[field.Slot]) : null;
            return present == (op == ConditionOperator.IsSet);
        }

        if (!present)
        {
            actual = null;
            return false;
        }

        var number = visitor.Numbers[field.Slot];
        actual = Describe(field, number);
        Instant? now = double.IsNaN(visitor.NowMilliseconds) ? null : Instant.FromUnixTimeMilliseconds((long)visitor.NowMilliseconds);
        return field.Type == FieldType.Date
            ? DateHolds(op, value, Epoch.PlusDays((int)number), now)
            : InstantHolds(op, value, Instant.FromUnixTimeMilliseconds((long)number), now);
    }

    private static LocalDate Epoch => new(1970, 1, 1);

    private static string Describe(FieldDefinition field, double number) => field.Type == FieldType.Date
        ? LocalDatePattern.Iso.Format(Epoch.PlusDays((int)number))
        : InstantPattern.ExtendedIso.Format(Instant.FromUnixTimeMilliseconds((long)number));

    private static bool InstantHolds(ConditionOperator op, ConditionValue value, Instant instant, Instant? now)
    {
        // Condition instants are compared to the millisecond, as the visitor's are.
        static Instant Read(ConditionValue v) =>
            Instant.FromUnixTimeMilliseconds(OffsetDateTimePattern.ExtendedIso.Parse(v.Text).Value.ToInstant().ToUnixTimeMilliseconds());

        switch (op)
        {
            case ConditionOperator.Before:
                return instant < Read(value);
            case ConditionOperator.After:
                return instant > Read(value);
            case ConditionOperator.Between:
                return Read(value.Min) <= instant && instant <= Read(value.Max);
            case ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo when now is { } at:
                var start = at - Duration.FromSeconds(ConditionBinder.ParseDuration(value)!.Value);
                return op == ConditionOperator.WithinLast ? start <= instant && instant <= at : instant < start;
            default:
                return false;
        }
    }

    private static bool DateHolds(ConditionOperator op, ConditionValue value, LocalDate date, Instant? now)
    {
        static LocalDate Read(ConditionValue v) => LocalDatePattern.Iso.Parse(v.Text).Value;

        switch (op)
        {
            case ConditionOperator.Before:
                return date < Read(value);
            case ConditionOperator.After:
                return date > Read(value);
            case ConditionOperator.Between:
                return Read(value.Min) <= date && date <= Read(value.Max);
            case ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo when now is { } at:
                // A date has no zone: it is compared with today's date in UTC.
                var today = at.InUtc().Date;
                var start = today.PlusDays(-(int)(ConditionBinder.ParseDuration(value)!.Value / 86_400));
                return op == ConditionOperator.WithinLast ? start <= date && date <= today : date < start;
            default:
                return false;
        }
    }
}
