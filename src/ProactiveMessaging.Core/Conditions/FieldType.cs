namespace ProactiveMessaging.Conditions;

/// <summary>The type of a field, which decides the operators and values a condition on it may use.</summary>
/// <remarks>See <c>docs/conditions.md</c> for the operators of each type.</remarks>
public enum FieldType
{
    /// <summary>A string, such as the page title. Compared ordinal or ordinal-ignore-case as the field says, never culture-sensitive.</summary>
    Text = 0,

    /// <summary>A number, such as the number of visits; parsed and compared invariantly.</summary>
    Number,

    /// <summary>A non-negative length of time, such as the time on the page; written in seconds or as ISO-8601 (<c>PT30S</c>).</summary>
    Duration,

    /// <summary>One of a closed set of values, such as the device type.</summary>
    Enum,

    /// <summary>True or false, such as whether the visitor is identified.</summary>
    Boolean,

    /// <summary>A list of strings, such as the segments of a custom attribute.</summary>
    List,

    /// <summary>A time of day in the visitor's time zone, written <c>"09:00"</c> or <c>"17:30:15"</c>.</summary>
    TimeOfDay,

    // Versions.

    /// <summary>
    /// A version ordered by Semantic Versioning 2.0 precedence, such as the app's version: <c>"2.1.0"</c>,
    /// <c>"3.0.0-beta.2"</c>; <c>"3.2"</c> reads as 3.2.0 and a leading <c>v</c> is skipped.
    /// </summary>
    Version,

    // Dates.

    /// <summary>An instant on the global time line, such as a signup time: <c>"2026-03-01T09:30:00Z"</c>, compared to the millisecond.</summary>
    Instant,

    /// <summary>A calendar date without a time or zone, such as the date of the last order: <c>"2026-03-01"</c>.</summary>
    Date,

    // IP ranges.

    /// <summary>
    /// An IPv4 or IPv6 address, such as the visitor's: <c>"203.0.113.7"</c>, <c>"2001:db8::1"</c>. An
    /// IPv4-mapped IPv6 address (<c>::ffff:203.0.113.7</c>) is the IPv4 address.
    /// </summary>
    IpAddress,
}
