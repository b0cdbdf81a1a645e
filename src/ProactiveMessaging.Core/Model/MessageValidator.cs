using System.Collections.Immutable;
using System.Globalization;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Text.Internal;

namespace ProactiveMessaging.Model;

/// <summary>
/// Checks a <see cref="MessageDefinition"/> and returns every problem at once, each with a code,
/// a message and a JSON path such as <c>$.reply.text</c> or <c>$.rules.tags[3]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Problems of kind <see cref="ProblemKind.Malformed"/> refuse the definition whenever it is saved;
/// problems of kind <see cref="ProblemKind.Incomplete"/> (no channel, no text, no conditions) only
/// block publishing, so a Draft can be saved with them.
/// </para>
/// <para>Thread-safe once constructed; the options are copied at construction.</para>
/// </remarks>
public sealed class MessageValidator
{
    private readonly int _maxNameLength;
    private readonly int _maxTextLength;
    private readonly int _maxTextVariants;
    private readonly int _maxTags;
    private readonly int _maxTagLength;
    private readonly MessageValidationOptions _options;

    /// <summary>Creates a validator with the given limits.</summary>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="fields">The fields conditions may test; <see langword="null"/> for <see cref="FieldCatalog.Default"/>.</param>
    public MessageValidator(MessageValidationOptions? options = null, FieldCatalog? fields = null)
    {
        options ??= new MessageValidationOptions();
        _maxNameLength = Positive(options.MaxNameLength, nameof(options.MaxNameLength));
        _maxTextLength = Positive(options.MaxTextLength, nameof(options.MaxTextLength));
        _maxTextVariants = Positive(options.MaxTextVariants, nameof(options.MaxTextVariants));
        _maxTags = Positive(options.MaxTags, nameof(options.MaxTags));
        _maxTagLength = Positive(options.MaxTagLength, nameof(options.MaxTagLength));
        Fields = fields ?? FieldCatalog.Default;
        Conditions = ConditionTreeValidator.Create(options, Fields, buildPatterns: false);

        // Kept (as a copy the caller cannot change) for WithFields.
        _options = new MessageValidationOptions
        {
            MaxNameLength = options.MaxNameLength,
            MaxTextLength = options.MaxTextLength,
            MaxTextVariants = options.MaxTextVariants,
            MaxTags = options.MaxTags,
            MaxTagLength = options.MaxTagLength,
            MaxConditionDepth = options.MaxConditionDepth,
            MaxConditions = options.MaxConditions,
            MaxPatternLength = options.MaxPatternLength,
            MaxListItems = options.MaxListItems,
            MaxConditionTextLength = options.MaxConditionTextLength,
            PatternMatchTimeout = options.PatternMatchTimeout,
        };
    }

    /// <summary>Gets a validator with the default limits.</summary>
    public static MessageValidator Default { get; } = new();

    internal ConditionTreeValidator Conditions { get; }

    /// <summary>Gets the fields conditions may test.</summary>
    internal FieldCatalog Fields { get; }

    /// <summary>
    /// Gets a validator with the same limits for other fields, such as a workspace's catalog extended
    /// with the custom attributes and events its settings declare.
    /// </summary>
    /// <param name="fields">The fields conditions may test.</param>
    /// <returns>A validator for <paramref name="fields"/>; this one when they are its own.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    public MessageValidator WithFields(FieldCatalog fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return ReferenceEquals(fields, Fields) ? this : new(_options, fields);
    }

    /// <summary>Validates and normalises a definition: the name is trimmed and the tags de-duplicated.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>
    /// The normalised definition with any <see cref="ProblemKind.Incomplete"/> problems, or every
    /// problem when at least one is <see cref="ProblemKind.Malformed"/>.
    /// </returns>
    public ValidationResult<MessageDefinition> Validate(MessageDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = ImmutableArray.CreateBuilder<Problem>();

        var name = (definition.Name ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            problems.Add(new Problem(ModelProblemCodes.NameRequired, "A name is required.", "$.name", ProblemKind.Incomplete));
        }
        else if (name.Length > _maxNameLength)
        {
            problems.Add(new Problem(ModelProblemCodes.NameTooLong, $"The name has {name.Length} characters; at most {_maxNameLength} are allowed.", "$.name"));
        }
        else if (name.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || name.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0 || Utf16Text.IndexOfLoneSurrogate(name) >= 0)
        {
            problems.Add(new Problem(ModelProblemCodes.NameInvalid, "The name must be one line of well-formed text without control characters.", "$.name"));
        }

        if (definition.ChannelId is null || definition.ChannelId.Length == 0)
        {
            problems.Add(new Problem(ModelProblemCodes.ChannelRequired, "A channel is required: choose one Web Widget or mobile SDK channel.", "$.channelId", ProblemKind.Incomplete));
        }
        else if (!IdRule.IsValid(definition.ChannelId))
        {
            problems.Add(new Problem(ModelProblemCodes.ChannelInvalid, $"The channel id must be {IdRule.Description}.", "$.channelId"));
        }

        ValidateReply(definition.Reply, problems);
        var tags = ValidateTags(definition.Rules.Tags, problems);
        if (definition.Rules.Conditions is null)
        {
            problems.Add(new Problem(ModelProblemCodes.ConditionsRequired, "At least one condition is required.", "$.rules.conditions", ProblemKind.Incomplete));
        }
        else
        {
            Conditions.Validate(definition.Rules.Conditions, "$.rules.conditions", problems);
        }

        ValidateEnum(definition.Timing, "$.timing", problems);
        ValidateEnum(definition.Frequency, "$.frequency", problems);
        CampaignWindowRules.Validate(definition.Window, problems);
        ExperimentRules.Validate(definition.Experiment, Fields, Conditions.Binder, problems);
        ValidateVariantTexts(definition.Experiment, definition.Reply, problems);

        var result = problems.ToImmutable();
        if (result.Any(p => p.Kind == ProblemKind.Malformed))
        {
            return ValidationResult<MessageDefinition>.Failure(result);
        }

        var normalised = name == definition.Name && tags.SequenceEqual(definition.Rules.Tags, StringComparer.Ordinal)
            ? definition
            : definition with { Name = name, Rules = definition.Rules with { Tags = tags } };
        return ValidationResult<MessageDefinition>.Success(normalised, result);
    }

    internal static void ValidateId(string? id, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (!IdRule.IsValid(id))
        {
            problems.Add(new Problem(ModelProblemCodes.IdInvalid, $"The id must be {IdRule.Description}.", path));
        }
    }

    private static void ValidateEnum<TEnum>(TEnum value, string path, ImmutableArray<Problem>.Builder problems)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(new Problem(ModelProblemCodes.EnumValueUnknown, $"'{value}' is not a {typeof(TEnum).Name} value.", path));
        }
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    private void ValidateReply(MessageReply reply, ImmutableArray<Problem>.Builder problems)
    {
        switch (reply)
        {
            case AgentReply agent:
                ValidateText(agent.Text, "$.reply.text", textOnly: true, problems);
                var asks = agent.AskForName || agent.AskForEmail;
                if (agent.FollowUp is null || agent.FollowUp.Default.Length == 0)
                {
                    if (asks)
                    {
                        problems.Add(new Problem(ModelProblemCodes.FollowUpRequired, "A follow-up message is required when the reply asks for a name or an email.", "$.reply.followUp", ProblemKind.Incomplete));
                    }
                }
                else if (!asks)
                {
                    problems.Add(new Problem(ModelProblemCodes.FollowUpUnused, "A follow-up message is only shown after the visitor gives a name or an email: ask for one, or remove the follow-up.", "$.reply.followUp"));
                }

                if (agent.FollowUp is not null)
                {
                    ValidateText(agent.FollowUp, "$.reply.followUp", textOnly: true, problems);
                }

                break;

            case BotReply bot:
                ValidateText(bot.Text, "$.reply.text", textOnly: false, problems);
                if (string.IsNullOrEmpty(bot.AnswerId))
                {
                    problems.Add(new Problem(ModelProblemCodes.BotAnswerRequired, "A bot reply needs the published bot answer that runs the conversation.", "$.reply.answerId", ProblemKind.Incomplete));
                }
                else if (!IdRule.IsValid(bot.AnswerId))
                {
                    problems.Add(new Problem(ModelProblemCodes.BotAnswerInvalid, $"The bot answer id must be {IdRule.Description}.", "$.reply.answerId"));
                }

                break;

            default:
                throw new ArgumentException("Unknown reply kind.", nameof(reply));
        }
    }

    /// <summary>
    /// A variant's texts replace the reply's, so they obey its rules: an agent variant is text only,
    /// and a follow-up is refused where it would never be shown.
    /// </summary>
    private void ValidateVariantTexts(MessageExperiment? experiment, MessageReply reply, ImmutableArray<Problem>.Builder problems)
    {
        if (experiment is null)
        {
            return;
        }

        var agent = reply as AgentReply;
        for (var i = 0; i < experiment.Variants.Length; i++)
        {
            var variant = experiment.Variants[i];
            var path = ExperimentRules.VariantPath(i);
            ValidateText(variant.Text ?? LocalizedText.Empty, path + ".text", textOnly: agent is not null, problems);
            if (variant.FollowUp is null)
            {
                continue;
            }

            if (agent is null)
            {
                problems.Add(new Problem(ModelProblemCodes.FollowUpUnused, "A bot reply has no follow-up, and neither do its variants: the bot runs the conversation.", path + ".followUp"));
            }
            else if (!agent.AskForName && !agent.AskForEmail)
            {
                problems.Add(new Problem(ModelProblemCodes.FollowUpUnused, "A follow-up message is only shown after the visitor gives a name or an email: ask for one, or remove the variant's follow-up.", path + ".followUp"));
            }
            else
            {
                ValidateText(variant.FollowUp, path + ".followUp", textOnly: true, problems);
            }
        }
    }

    private void ValidateText(LocalizedText text, string path, bool textOnly, ImmutableArray<Problem>.Builder problems)
    {
        if (text.Default.Length == 0)
        {
            problems.Add(new Problem(ModelProblemCodes.TextRequired, "A text is required.", path + ".default", ProblemKind.Incomplete));
        }
        else
        {
            ValidateTextContent(text.Default, path + ".default", textOnly, problems);
        }

        if (text.Variants.Count > _maxTextVariants)
        {
            problems.Add(new Problem(ModelProblemCodes.VariantsTooMany, $"The text has {text.Variants.Count} language variants; at most {_maxTextVariants} are allowed.", path + ".variants"));
        }

        foreach (var variant in text.Variants)
        {
            var variantPath = $"{path}.variants['{variant.Key}']";
            if (!LanguageTag.IsWellFormed(variant.Key))
            {
                problems.Add(new Problem(ModelProblemCodes.VariantLanguageInvalid, $"'{variant.Key}' is not a well-formed BCP 47 language tag such as 'pt-BR' or 'de'.", variantPath));
            }

            if (variant.Value.Length == 0)
            {
                problems.Add(new Problem(ModelProblemCodes.VariantEmpty, "A language variant needs a text; remove the variant instead.", variantPath));
            }
            else
            {
                ValidateTextContent(variant.Value, variantPath, textOnly, problems);
            }
        }
    }

    private void ValidateTextContent(string text, string path, bool textOnly, ImmutableArray<Problem>.Builder problems)
    {
        if (text.Length > _maxTextLength)
        {
            problems.Add(new Problem(ModelProblemCodes.TextTooLong, $"The text has {text.Length} characters; at most {_maxTextLength} are allowed.", path));
        }

        if (Utf16Text.IndexOfLoneSurrogate(text) is var lone and >= 0)
        {
            problems.Add(new Problem(ModelProblemCodes.TextInvalidUnicode, $"The text has an unpaired UTF-16 surrogate at position {lone.ToString(CultureInfo.InvariantCulture)}.", path));
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                problems.Add(new Problem(ModelProblemCodes.TextControlCharacter, $"The text contains the control character U+{(int)c:X4}; only line breaks and tabs are allowed.", path));
                break;
            }
        }

        if (textOnly)
        {
            var index = EmojiDetector.IndexOfEmoji(text);
            if (index >= 0)
            {
                problems.Add(new Problem(ModelProblemCodes.TextEmoji, $"An agent reply is text only, but the text has an emoji at position {index.ToString(CultureInfo.InvariantCulture)}. Remove it, or use a bot reply.", path));
            }
        }
    }

    private ImmutableArray<string> ValidateTags(ImmutableArray<string> tags, ImmutableArray<Problem>.Builder problems)
    {
        var kept = ImmutableArray.CreateBuilder<string>(tags.Length);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            var path = $"$.rules.tags[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (string.IsNullOrEmpty(tag) || !IsTag(tag))
            {
                problems.Add(new Problem(ModelProblemCodes.TagInvalid, $"'{tag}' is not a valid tag: use letters, digits, '_', '-', ':', '/' or '.', with no spaces.", path));
                continue;
            }

            if (tag.Length > _maxTagLength)
            {
                problems.Add(new Problem(ModelProblemCodes.TagTooLong, $"The tag has {tag.Length} characters; at most {_maxTagLength} are allowed.", path));
                continue;
            }

            if (seen.Add(tag))
            {
                kept.Add(tag);
            }
        }

        if (kept.Count > _maxTags)
        {
            problems.Add(new Problem(ModelProblemCodes.TagsTooMany, $"There are {kept.Count} distinct tags; at most {_maxTags} are allowed.", "$.rules.tags"));
        }

        return kept.ToImmutable();
    }

    private static bool IsTag(string tag)
    {
        for (var i = 0; i < tag.Length; i++)
        {
            var c = tag[i];
            if (char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '/' or '.')
            {
                continue;
            }

            // A letter outside the Basic Multilingual Plane is a surrogate pair.
            if (char.IsHighSurrogate(c) && i + 1 < tag.Length && char.IsLetterOrDigit(tag, i))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }
}
