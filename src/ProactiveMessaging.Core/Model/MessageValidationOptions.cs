using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Model;

/// <summary>The limits that message validation applies: those of the conditions, and those of the rest of a message.</summary>
/// <remarks>
/// A plain options class: set it up once, then treat it as read-only. The defaults are in
/// <see cref="MessageValidationDefaults"/> and, for the conditions, in <see cref="ConditionDefaults"/>.
/// </remarks>
public sealed class MessageValidationOptions : ConditionOptions
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
}
