namespace ProactiveMessaging.Model;

/// <summary>The limits that message validation applies.</summary>
/// <remarks>
/// A plain options class: set it up once, then treat it as read-only. The defaults are in
/// <see cref="MessageValidationDefaults"/>.
/// </remarks>
public sealed class MessageValidationOptions
{
    /// <summary>Gets or sets the maximum length of a name, in UTF-16 code units, after trimming.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxNameLength"/> (100).</value>
    public int MaxNameLength { get; set; } = MessageValidationDefaults.MaxNameLength;

    /// <summary>Gets or sets the maximum length of a reply text, a follow-up text or any of their variants.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxTextLength"/> (500).</value>
    public int MaxTextLength { get; set; } = MessageValidationDefaults.MaxTextLength;

    /// <summary>Gets or sets the maximum number of language variants of one text.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxTextVariants"/> (50).</value>
    public int MaxTextVariants { get; set; } = MessageValidationDefaults.MaxTextVariants;

    /// <summary>Gets or sets the maximum number of ticket tags, after de-duplication.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxTags"/> (20).</value>
    public int MaxTags { get; set; } = MessageValidationDefaults.MaxTags;

    /// <summary>Gets or sets the maximum length of one ticket tag.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxTagLength"/> (80).</value>
    public int MaxTagLength { get; set; } = MessageValidationDefaults.MaxTagLength;

    /// <summary>Gets or sets the maximum nesting depth of condition groups (the root group is depth 1).</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxConditionDepth"/> (3).</value>
    public int MaxConditionDepth { get; set; } = MessageValidationDefaults.MaxConditionDepth;

    /// <summary>Gets or sets the maximum number of conditions in one message.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxConditions"/> (30).</value>
    public int MaxConditions { get; set; } = MessageValidationDefaults.MaxConditions;

    /// <summary>Gets or sets the maximum length of a <c>matchesPattern</c> pattern.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxPatternLength"/> (200).</value>
    public int MaxPatternLength { get; set; } = MessageValidationDefaults.MaxPatternLength;

    /// <summary>Gets or sets the maximum number of items of an <c>isOneOf</c> or <c>containsOneOf</c> list.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxListItems"/> (100).</value>
    public int MaxListItems { get; set; } = MessageValidationDefaults.MaxListItems;

    /// <summary>Gets or sets the maximum length of a text value of a condition (or of one list item).</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.MaxConditionTextLength"/> (1000).</value>
    public int MaxConditionTextLength { get; set; } = MessageValidationDefaults.MaxConditionTextLength;

    /// <summary>Gets or sets the match time-out of <c>matchesPattern</c> patterns; a match that runs longer is false.</summary>
    /// <value>The default value is <see cref="MessageValidationDefaults.PatternMatchTimeout"/> (20 ms).</value>
    public TimeSpan PatternMatchTimeout { get; set; } = MessageValidationDefaults.PatternMatchTimeout;
}
