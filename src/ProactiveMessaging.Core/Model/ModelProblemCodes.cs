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

    /// <summary>
    /// A follow-up text that would never be shown: on an agent reply (or one of its experiment
    /// variants) that asks for nothing, or on a variant of a bot reply, whose bot runs the conversation.
    /// </summary>
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

    // Experiment.

    /// <summary>A rollout percentage is below 0 or above 100.</summary>
    public const string ExperimentRolloutOutOfRange = "experiment.rollout.outOfRange";

    /// <summary>A holdout percentage is below 0, or 100 or more (a control group of everyone leaves nothing to compare).</summary>
    public const string ExperimentHoldoutOutOfRange = "experiment.holdout.outOfRange";

    /// <summary>A percentage (rollout, holdout or a variant's weight) has more than two decimals: the steps are 0.01.</summary>
    public const string ExperimentPercentPrecision = "experiment.percent.precision";

    /// <summary>A salt is longer than 64 characters or has a character outside printable ASCII.</summary>
    public const string ExperimentSaltInvalid = "experiment.salt.invalid";

    /// <summary>A message has one variant, or more than five: it has none, or two to five.</summary>
    public const string ExperimentVariantCount = "experiment.variants.count";

    /// <summary>A variant id breaks the id rule.</summary>
    public const string ExperimentVariantIdInvalid = "experiment.variant.idInvalid";

    /// <summary>Two variants of a message have the same id.</summary>
    public const string ExperimentVariantIdDuplicate = "experiment.variant.idDuplicate";

    /// <summary>A variant is named <c>control</c> or <c>treatment</c>, the names of the other arms.</summary>
    public const string ExperimentVariantIdReserved = "experiment.variant.idReserved";

    /// <summary>A variant's weight is not more than 0 and at most 100.</summary>
    public const string ExperimentVariantWeightOutOfRange = "experiment.variant.weightOutOfRange";

    /// <summary>The variants' weights do not sum to 100.</summary>
    public const string ExperimentVariantWeightSum = "experiment.variants.weightSum";

    /// <summary>A goal names both an event and a page, or neither.</summary>
    public const string ExperimentGoalKind = "experiment.goal.kind";

    /// <summary>A goal's event is not one the workspace (or the host) declares.</summary>
    public const string ExperimentGoalEventUnknown = "experiment.goal.eventUnknown";

    /// <summary>A goal's page condition is not on <c>page.path</c> or <c>page.url</c>.</summary>
    public const string ExperimentGoalPageField = "experiment.goal.pageField";

    /// <summary>A goal's window is not positive, or longer than 90 days.</summary>
    public const string ExperimentGoalWindowOutOfRange = "experiment.goal.windowOutOfRange";
}
