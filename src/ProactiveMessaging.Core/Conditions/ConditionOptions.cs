namespace ProactiveMessaging.Conditions;

/// <summary>
/// The limits that condition validation and compilation apply: tree depth and size, pattern length,
/// list size, text length, and the pattern match time-out.
/// </summary>
/// <remarks>
/// <para>
/// A plain options class: set it up once, then treat it as read-only. The defaults are in
/// <see cref="ConditionDefaults"/>.
/// </para>
/// <para>
/// <see cref="Model.MessageValidationOptions"/> derives from it, adding the limits of the rest of a
/// message, so the options a host sets for validation are the ones the compiler applies.
/// </para>
/// </remarks>
public class ConditionOptions
{
    /// <summary>Gets or sets the maximum nesting depth of condition groups (the root group is depth 1).</summary>
    /// <value>The default value is <see cref="ConditionDefaults.MaxConditionDepth"/> (3).</value>
    public int MaxConditionDepth { get; set; } = ConditionDefaults.MaxConditionDepth;

    /// <summary>Gets or sets the maximum number of conditions in one message.</summary>
    /// <value>The default value is <see cref="ConditionDefaults.MaxConditions"/> (30).</value>
    public int MaxConditions { get; set; } = ConditionDefaults.MaxConditions;

    /// <summary>Gets or sets the maximum length of a <c>matchesPattern</c> pattern.</summary>
    /// <value>The default value is <see cref="ConditionDefaults.MaxPatternLength"/> (200).</value>
    public int MaxPatternLength { get; set; } = ConditionDefaults.MaxPatternLength;

    /// <summary>Gets or sets the maximum number of items of an <c>isOneOf</c> or <c>containsOneOf</c> list.</summary>
    /// <value>The default value is <see cref="ConditionDefaults.MaxListItems"/> (100).</value>
    public int MaxListItems { get; set; } = ConditionDefaults.MaxListItems;

    /// <summary>Gets or sets the maximum length of a text value of a condition (or of one list item).</summary>
    /// <value>The default value is <see cref="ConditionDefaults.MaxConditionTextLength"/> (1000).</value>
    public int MaxConditionTextLength { get; set; } = ConditionDefaults.MaxConditionTextLength;

    /// <summary>Gets or sets the match time-out of <c>matchesPattern</c> patterns; a match that runs longer is false.</summary>
    /// <value>The default value is <see cref="ConditionDefaults.PatternMatchTimeout"/> (20 ms).</value>
    public TimeSpan PatternMatchTimeout { get; set; } = ConditionDefaults.PatternMatchTimeout;
}
