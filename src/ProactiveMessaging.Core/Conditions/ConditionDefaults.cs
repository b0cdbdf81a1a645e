namespace ProactiveMessaging.Conditions;

/// <summary>The default limits of <see cref="ConditionOptions"/>.</summary>
public static class ConditionDefaults
{
    /// <summary>The default maximum nesting depth of condition groups: 3.</summary>
    public const int MaxConditionDepth = 3;

    /// <summary>The default maximum number of conditions in one message: 30.</summary>
    public const int MaxConditions = 30;

    /// <summary>The default maximum length of a <c>matchesPattern</c> pattern: 200.</summary>
    public const int MaxPatternLength = 200;

    /// <summary>The default maximum number of items of an <c>isOneOf</c> or <c>containsOneOf</c> list: 100.</summary>
    public const int MaxListItems = 100;

    /// <summary>The default maximum length of a condition's text value: 1000.</summary>
    public const int MaxConditionTextLength = 1000;

    /// <summary>Gets the default match time-out of <c>matchesPattern</c> patterns: 20 milliseconds.</summary>
    public static TimeSpan PatternMatchTimeout { get; } = TimeSpan.FromMilliseconds(20);
}
