namespace ProactiveMessaging.Model;

/// <summary>The stable codes of the problems that message validation reports.</summary>
public static class ModelProblemCodes
{
    /// <summary>The id is missing or has characters other than letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>.</summary>
    public const string IdInvalid = "id.invalid";

    /// <summary>The name is empty after trimming (incomplete).</summary>
    public const string NameRequired = "name.required";

    /// <summary>The name is longer than the bound.</summary>
    public const string NameTooLong = "name.tooLong";

    /// <summary>The name contains a control character or a line break.</summary>
    public const string NameInvalid = "name.invalid";

    /// <summary>No channel is chosen (incomplete).</summary>
    public const string ChannelRequired = "channel.required";

    /// <summary>The channel id is malformed.</summary>
    public const string ChannelInvalid = "channel.invalid";

    /// <summary>A reply text (or follow-up) is empty (incomplete).</summary>
    public const string TextRequired = "text.required";

    /// <summary>A reply text (or follow-up, or a variant) is longer than the bound.</summary>
    public const string TextTooLong = "text.tooLong";

    /// <summary>An agent reply text (or follow-up, or a variant) contains an emoji.</summary>
    public const string TextEmoji = "text.emoji";

    /// <summary>A text contains a control character other than a line break or a tab.</summary>
    public const string TextControlCharacter = "text.controlCharacter";

    /// <summary>
    /// A text contains an unpaired UTF-16 surrogate, which no Unicode text holds and which JSON
    /// cannot carry (a writer would replace it, so the message would not read back equal).
    /// </summary>
    public const string TextInvalidUnicode = "text.invalidUnicode";

    /// <summary>A language variant's tag is not a well-formed BCP 47 tag.</summary>
    public const string VariantLanguageInvalid = "text.variant.languageInvalid";

    /// <summary>Two language variants have the same tag, ignoring case.</summary>
    public const string VariantLanguageDuplicate = "text.variant.languageDuplicate";

    /// <summary>A text has more language variants than the bound.</summary>
    public const string VariantsTooMany = "text.variant.tooMany";

    /// <summary>A language variant has an empty text.</summary>
    public const string VariantEmpty = "text.variant.empty";

    /// <summary>An agent reply asks for a name or an email but has no follow-up text (incomplete).</summary>
    public const string FollowUpRequired = "reply.followUp.required";

    /// <summary>An agent reply has a follow-up text but asks for nothing, so it would never be shown.</summary>
    public const string FollowUpUnused = "reply.followUp.unused";

    /// <summary>A bot reply names no bot answer (incomplete).</summary>
    public const string BotAnswerRequired = "reply.answer.required";

    /// <summary>A bot answer id is malformed.</summary>
    public const string BotAnswerInvalid = "reply.answer.invalid";

    /// <summary>A ticket tag does not follow the tag syntax.</summary>
    public const string TagInvalid = "tag.invalid";

    /// <summary>A ticket tag is longer than the bound.</summary>
    public const string TagTooLong = "tag.tooLong";

    /// <summary>There are more ticket tags than the bound.</summary>
    public const string TagsTooMany = "tags.tooMany";

    /// <summary>An enum value (timing, frequency, status) is not one of the defined values.</summary>
    public const string EnumValueUnknown = "value.unknown";

    /// <summary>The message has no conditions (incomplete).</summary>
    public const string ConditionsRequired = "conditions.required";

    // Campaign window.

    /// <summary>A campaign window has neither a start nor an end: remove it instead.</summary>
    public const string WindowEmpty = "window.empty";

    /// <summary>A campaign window ends before it starts, or where it starts, so that no instant is inside it.</summary>
    public const string WindowEndBeforeStart = "window.endBeforeStart";

    /// <summary>A campaign window's date is outside the years 1 to 9998.</summary>
    public const string WindowDateOutOfRange = "window.date.outOfRange";
}
