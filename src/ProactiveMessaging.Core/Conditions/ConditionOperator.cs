namespace ProactiveMessaging.Conditions;

/// <summary>The operators a condition may use; which apply depends on the field's type.</summary>
/// <remarks>The JSON name of each operator is its name in camel case (<c>doesNotContain</c>).</remarks>
public enum ConditionOperator
{
    /// <summary>Text or enum: equal to the value.</summary>
    Is = 0,

    /// <summary>Text or enum: not equal to the value.</summary>
    IsNot,

    /// <summary>Text: contains the value.</summary>
    Contains,

    /// <summary>Text: does not contain the value.</summary>
    DoesNotContain,

    /// <summary>Text: starts with the value.</summary>
    StartsWith,

    /// <summary>Text: ends with the value.</summary>
    EndsWith,

    /// <summary>Text: matches a wildcard pattern such as <c>/products/*/reviews</c>.</summary>
    MatchesWildcard,

    /// <summary>Text: matches a regular expression, run in linear time under a time-out.</summary>
    MatchesPattern,

    /// <summary>Text, enum or number: equal to one of the values of a list.</summary>
    IsOneOf,

    /// <summary>Text: contains one of the values of a list.</summary>
    ContainsOneOf,

    /// <summary>Number or duration: equal to the value.</summary>
    EqualTo,

    /// <summary>Number or duration: not equal to the value.</summary>
    NotEqualTo,

    /// <summary>Number or duration: greater than the value.</summary>
    GreaterThan,

    /// <summary>Number or duration: greater than or equal to the value.</summary>
    AtLeast,

    /// <summary>Number or duration: less than the value.</summary>
    LessThan,

    /// <summary>Number or duration: less than or equal to the value.</summary>
    AtMost,

    /// <summary>Number or duration: between a minimum and a maximum, both included.</summary>
    Between,

    /// <summary>Boolean: true.</summary>
    IsTrue,

    /// <summary>Boolean: false.</summary>
    IsFalse,

    /// <summary>Any field: the visitor has a value for it.</summary>
    IsSet,

    /// <summary>Any field: the visitor has no value for it.</summary>
    IsNotSet,

    // Negation.

    /// <summary>Text, enum or number: the visitor has a value and it equals none of the values of a list.</summary>
    IsNotOneOf,

    /// <summary>Text: the visitor has a value and it does not start with the value.</summary>
    DoesNotStartWith,

    /// <summary>Text: the visitor has a value and it does not end with the value.</summary>
    DoesNotEndWith,

    /// <summary>Text: the visitor has a value and it does not match the wildcard pattern.</summary>
    DoesNotMatchWildcard,

    /// <summary>Text: the visitor has a value and the regular expression finds no match in it (a time-out is not "no match").</summary>
    DoesNotMatchPattern,

    // Dates.

    /// <summary>Instant or date: the visitor has a value and it is earlier than the value.</summary>
    Before,

    /// <summary>Instant or date: the visitor has a value and it is later than the value.</summary>
    After,

    /// <summary>
    /// Instant or date: the visitor has a value that lies within a duration before the evaluation's
    /// instant (a date: within as many days before today's date in UTC), the bounds and now included.
    /// </summary>
    WithinLast,

    /// <summary>
    /// Instant or date: the visitor has a value earlier than a duration before the evaluation's instant
    /// (a date: earlier than as many days before today's date in UTC).
    /// </summary>
    MoreThanAgo,

    // IP ranges.

    /// <summary>IP address: in one of a list of CIDR blocks (<c>"10.0.0.0/8"</c>; a lone address is a block of one).</summary>
    IsInRange,

    /// <summary>IP address: the visitor has an address and it is in none of a list of CIDR blocks.</summary>
    IsNotInRange,
}
