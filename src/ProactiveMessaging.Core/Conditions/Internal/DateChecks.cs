namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The date checks of the compiled form. An instant slot holds Unix milliseconds and a date slot
/// days since 1970-01-01, so before, after and between are number comparisons (root interval
/// checks when they can be); only the relative forms need the evaluation's instant.
/// </summary>
internal static class DateChecks
{
    /// <summary>The op code of a date operator; <see langword="null"/> for <c>isSet</c> / <c>isNotSet</c>.</summary>
    public static OpCode? OpCodeOf(FieldType type, ConditionOperator @operator) => @operator switch
    {
        ConditionOperator.Before => OpCode.NumberLessThan,
        ConditionOperator.After => OpCode.NumberGreaterThan,
        ConditionOperator.Between => OpCode.NumberBetween,
        ConditionOperator.WithinLast => type == FieldType.Date ? OpCode.DateWithinLast : OpCode.InstantWithinLast,
        ConditionOperator.MoreThanAgo => type == FieldType.Date ? OpCode.DateMoreThanAgo : OpCode.InstantMoreThanAgo,
        _ => null,
    };

    /// <summary>Whether a relative check holds. Every comparison is false when the value or the instant is missing (NaN).</summary>
    /// <param name="op">The check.</param>
    /// <param name="value">The visitor's value: Unix milliseconds, or days for a date.</param>
    /// <param name="nowMilliseconds">The evaluation's instant in Unix milliseconds.</param>
    /// <param name="amount">The duration: milliseconds, or whole days for a date.</param>
    public static bool Holds(OpCode op, double value, double nowMilliseconds, double amount)
    {
        var now = op is OpCode.DateWithinLast or OpCode.DateMoreThanAgo ? ConditionBinder.TodayInUtc(nowMilliseconds) : nowMilliseconds;
        return op is OpCode.InstantWithinLast or OpCode.DateWithinLast
            ? value >= now - amount && value <= now
            : value < now - amount;
    }
}
