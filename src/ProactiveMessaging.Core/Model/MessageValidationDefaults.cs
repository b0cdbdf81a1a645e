namespace ProactiveMessaging.Model;

/// <summary>The default limits of <see cref="MessageValidationOptions"/>.</summary>
public static class MessageValidationDefaults
{
    /// <summary>The default maximum name length: 100.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The default maximum text length: 500.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The default maximum number of language variants of one text: 50.</summary>
    public const int MaxTextVariants = 50;

    /// <summary>The default maximum number of ticket tags: 20.</summary>
    public const int MaxTags = 20;

    /// <summary>The default maximum ticket tag length: 80.</summary>
    public const int MaxTagLength = 80;

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
