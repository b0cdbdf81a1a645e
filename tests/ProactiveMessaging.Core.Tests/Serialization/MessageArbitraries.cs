using System.Collections.Immutable;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// FsCheck generators of valid messages and catalogs: every status with a state that agrees with
/// it, agent and bot replies, language variants, tags, condition trees that respect the shape
/// rules, condition values of every kind, experiments (rollouts, holdouts, variants, page and event
/// goals); catalogs that declare custom attributes of every type and events, and test them in
/// their conditions and goals. What they generate is already normalised (names
/// trimmed, tags distinct), as reading gives it back.
/// </summary>
public static class MessageArbitraries
{
    private const string IdCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:";

    // Text pieces for agent texts: letters of several scripts, punctuation that JSON escapes, line breaks.
    private static readonly string[] AgentPieces =
        ["a", "Z", "0", "7", " ", " ", "é", "ß", "中", "ا", "\"", "\\", "/", "<", ">", "&", "'", "?", "!", ".", ",", "\n", "\t", "\u00A0", "\u2028"];

    // Bot texts may also carry emoji, including pairs outside the Basic Multilingual Plane.
    private static readonly string[] BotPieces = [.. AgentPieces, "\U0001F600", "\U0001F44D", "\U0001F44D\uFE0F", "\u2764\uFE0F"];

    private static readonly string[] NamePieces = ["a", "B", "9", " ", "é", "\"", "\\", "<", "中", "\U0001F600", "-"];

    private static readonly string[] Languages = ["pt-BR", "pt", "de", "en-GB", "zh-Hant-TW", "es-419", "fr", "gsw"];

    private static readonly string[] Tags = ["vip", "Checkout", "a_b-c:d/e.f", "café", "proactive", "x1", "日本", "sales.q4"];

    private static readonly string[] EventNames = ["addedToCart", "couponApplied", "signed_up", "e2", "Checkout"];

    private static readonly string[] EnumValues = ["free", "pro", "Enterprise", "trial-2", "b2b", "日本", "x y"];

    private static readonly double[] InterestingNumbers =
        [0, -0.0, 1, -1, 0.1, 1.5e-7, 123456789.125, 1e21, -1e-300, double.MaxValue, double.MinValue, double.Epsilon, 9007199254740993];

    public static Arbitrary<ProactiveMessage> Messages() => Arb.From(Message());

    public static Arbitrary<CatalogDocument> Catalogs() => Arb.From(Catalog());

    public static Arbitrary<WorkspaceSettings> Workspaces() => Arb.From(Workspace());

    public static Gen<ProactiveMessage> Message() => Message(Declared.None);

    public static Gen<CatalogDocument> Catalog() =>
        from workspace in Workspace()
        let declared = Declared.From(workspace)
        from count in Gen.Choose(0, 5)
        from messages in Gen.ArrayOf(Message(declared), count)
        select new CatalogDocument(workspace, messages.Select((m, i) => m.With(id: $"m{i}-{m.Id}")));

    /// <summary>Workspace settings whose declarations are valid: attributes of every type in any order, and events.</summary>
    public static Gen<WorkspaceSettings> Workspace() =>
        from id in Identifier()
        from name in Gen.OneOf(Gen.Constant<string?>(null), Text(AgentPieces, 0, 20).Select(t => (string?)t))
        from attributes in Gen.OneOf(Gen.Constant(ImmutableArray<CustomAttributeDeclaration>.Empty), CustomAttributes())
        from events in Gen.OneOf(Gen.Constant(ImmutableArray<string>.Empty), Gen.SubListOf(EventNames).SelectMany(e => Gen.Shuffle(e.ToArray())).Select(e => e.ToImmutableArray()))
        select new WorkspaceSettings(id) { Name = name, CustomAttributes = attributes, Events = events };

    private static Gen<ProactiveMessage> Message(Declared declared) =>
        from status in Gen.Elements(MessageStatus.Draft, MessageStatus.Live, MessageStatus.Paused, MessageStatus.Error)
        from message in MessageWithStatus(status, declared)
        select message;

    private static Gen<ImmutableArray<CustomAttributeDeclaration>> CustomAttributes()
    {
        var attribute =
            from type in Gen.Elements(Enum.GetValues<FieldType>())
            from name in DeclaredName()
            from ignoreCase in Gen.Elements(true, false)
            from values in Gen.SubListOf(EnumValues).Where(v => v.Count > 0).SelectMany(v => Gen.Shuffle(v.ToArray()))
            select new CustomAttributeDeclaration(name, type)
            {
                // What reading gives back: the case mode only where it applies, values only for an enum.
                IgnoreCase = ignoreCase || type is not (FieldType.Text or FieldType.List),
                AllowedValues = type == FieldType.Enum ? [.. values] : [],
            };
        return
            from count in Gen.Choose(1, 8)
            from attributes in Gen.ArrayOf(attribute, count)
            select attributes.DistinctBy(a => a.Name, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>A declared name: a letter, then letters, digits and <c>_</c>; sometimes the longest allowed.</summary>
    private static Gen<string> DeclaredName() =>
        Seed().Select(seed =>
        {
            const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
            const string Rest = Letters + "0123456789_";
            var random = new Random(seed);
            var name = new char[random.Next(8) == 0 ? 64 : random.Next(1, 12)];
            name[0] = Letters[random.Next(Letters.Length)];
            for (var i = 1; i < name.Length; i++)
            {
                name[i] = Rest[random.Next(Rest.Length)];
            }

            return new string(name);
        });

    private static Gen<ProactiveMessage> MessageWithStatus(MessageStatus status, Declared declared)
    {
        var complete = status is MessageStatus.Live or MessageStatus.Paused;
        return
            from id in Identifier()
            from definition in complete ? CompleteDefinition(declared) : AnyDefinition(declared)
            from problems in status == MessageStatus.Error ? Problems() : Gen.Constant(ImmutableArray<Problem>.Empty)
            from metrics in Metrics()
            from updatedAt in Instants()
            from publishedAt in complete ? Instants().Select(i => (Instant?)i) : Gen.OneOf(Gen.Constant<Instant?>(null), Instants().Select(i => (Instant?)i))
            from version in Gen.Choose(1, int.MaxValue).Select(v => (long)v)
            select new ProactiveMessage(id, definition, status, problems, metrics, updatedAt, publishedAt, version);
    }

    private static Gen<MessageDefinition> CompleteDefinition(Declared declared) =>
        from name in Name()
        from channel in Identifier()
        from reply in Gen.OneOf(AgentReply(complete: true), BotReply(complete: true))
        from conditions in Tree(declared)
        from tags in TagList()
        from timing in Gen.Elements(Enum.GetValues<MessageTiming>())
        from frequency in Gen.Elements(Enum.GetValues<MessageFrequency>())
        from priority in Gen.OneOf(Gen.Choose(-1000, 1000), Gen.Elements(int.MinValue, int.MaxValue, 0))
        from window in Gen.Frequency((3, Gen.Constant<CampaignWindow?>(null)), (1, Window()))
        from experiment in Experiment(reply, declared, complete: true)
        select new MessageDefinition
        {
            Name = name,
            ChannelId = channel,
            Reply = reply,
            Rules = new MessageRules { Conditions = conditions, Tags = tags },
            Timing = timing,
            Frequency = frequency,
            Priority = priority,
            Window = window,
            Experiment = experiment,
        };

    // Experiment.

    /// <summary>
    /// No experiment, or one that validates with the reply: a rollout and a holdout in steps of 0.01
    /// (or their defaults), a salt of printable ASCII, none or two to five variants whose weights sum
    /// to 100 with texts of the reply's kind (and follow-ups where the reply asks), and no goal, a
    /// page goal or, where the workspace declares events, an event goal, with any window up to 90 days.
    /// </summary>
    private static Gen<MessageExperiment?> Experiment(MessageReply reply, Declared declared, bool complete)
    {
        var agent = reply as AgentReply;
        var pieces = agent is null ? BotPieces : AgentPieces;
        var asks = agent is { AskForName: true } or { AskForEmail: true };
        var percent = Gen.Choose(0, 10_000).Select(basisPoints => basisPoints / 100m);
        var experiment =
            from rollout in Gen.OneOf(Gen.Constant(100m), percent, Gen.Elements(0m, 0.01m, 99.99m))
            from salt in Gen.OneOf(Gen.Constant(string.Empty), Salt())
            from variants in Gen.OneOf(Gen.Constant(ImmutableArray<MessageVariant>.Empty), Variants(pieces, asks, complete))
            from holdout in Gen.OneOf(Gen.Constant(0m), percent.Where(p => p < 100m), Gen.Elements(0.01m, 99.99m))
            from goal in Gen.OneOf(Gen.Constant<ConversionGoal?>(null), Goal(declared))
            select (MessageExperiment?)new MessageExperiment { RolloutPercent = rollout, Salt = salt, Variants = variants, HoldoutPercent = holdout, Goal = goal };
        return Gen.Frequency((2, Gen.Constant<MessageExperiment?>(null)), (1, experiment));
    }

    /// <summary>Two to five variants with distinct ids and weights of whole basis points that sum to 100 %.</summary>
    private static Gen<ImmutableArray<MessageVariant>> Variants(string[] pieces, bool asks, bool complete) =>
        from count in Gen.Choose(MessageExperiment.MinVariants, MessageExperiment.MaxVariants)
        from cuts in Gen.ArrayOf(Gen.Choose(1, 9_999), count - 1).Where(c => c.Distinct().Count() == c.Length)
        from ids in Gen.ArrayOf(Identifier(), count)
        from texts in Gen.ArrayOf(Localized(pieces, complete), count)
        from followUps in Gen.ArrayOf(Gen.OneOf(Gen.Constant<LocalizedText?>(null), Localized(AgentPieces, complete).Select(t => (LocalizedText?)t)), count)
        let bounds = cuts.Order().Prepend(0).Append(10_000).ToArray()
        select Enumerable.Range(0, count).Select(i => new MessageVariant
        {
            // The index keeps ids distinct, and never "control" or "treatment".
            Id = $"{i}{ids[i]}",
            Weight = (bounds[i + 1] - bounds[i]) / 100m,
            Text = texts[i],
            FollowUp = asks ? followUps[i] : null,
        }).ToImmutableArray();

    private static Gen<string> Salt() =>
        Seed().Select(seed =>
        {
            var random = new Random(seed);
            var salt = new char[random.Next(1, ProactiveMessaging.Model.Internal.ExperimentRules.MaxSaltLength + 1)];
            for (var i = 0; i < salt.Length; i++)
            {
                salt[i] = (char)random.Next(' ', '~' + 1);
            }

            return new string(salt);
        });

    private static Gen<ConversionGoal?> Goal(Declared declared)
    {
        var page =
            from field in Gen.Elements("page.path", "page.url")
            from op in Gen.Elements(ConditionOperator.Is, ConditionOperator.StartsWith, ConditionOperator.Contains, ConditionOperator.EndsWith, ConditionOperator.MatchesWildcard)
            from value in Text(BotPieces, 1, 10)
            select new Condition(field, op, value);
        var goals = declared.Events.IsEmpty
            ? page.Where(c => declared.Compiler.Compile(ConditionGroup.All(c)).Succeeded).Select(ConversionGoal.ForPage)
            : Gen.OneOf(
                page.Where(c => declared.Compiler.Compile(ConditionGroup.All(c)).Succeeded).Select(ConversionGoal.ForPage),
                Gen.Elements(declared.Events.ToArray()).Select(ConversionGoal.ForEvent));
        var window = Gen.OneOf(
            Gen.Constant(ConversionGoal.DefaultWindow),
            Gen.Constant(ConversionGoal.MaxWindow),
            Gen.Choose(1, 90).Select(days => Duration.FromDays(days)),
            from seconds in Gen.Choose(0, (90 * 86_400) - 1)
            from nanoseconds in Gen.OneOf(Gen.Constant(0), Gen.Choose(1, 999_999_999))
            select Duration.FromSeconds(seconds) + Duration.FromNanoseconds(Math.Max(1, nanoseconds)));
        return
            from goal in goals
            from length in window
            select (ConversionGoal?)(goal with { Window = length });
    }

    // Campaign window.

    /// <summary>
    /// A campaign window that validates: one or two bounds, each an instant or a date (years 1 to
    /// 9998); two bounds of one kind in order. A date and an instant may be in any order, as only a
    /// schedule's zone orders them (a publish requirement).
    /// </summary>
    private static Gen<CampaignWindow?> Window() =>
        from first in Bound()
        from second in Bound()
        from shape in Gen.Elements(0, 1, 2)
        let ordered = first.IsDate == second.IsDate && Key(second) < Key(first) ? (second, first) : (first, second)
        let distinct = ordered.Item1.Instant is { } a && ordered.Item2.Instant is { } b && a == b
            ? (ordered.Item1, CampaignBound.At(b + Duration.Epsilon))
            : ordered
        select (CampaignWindow?)(shape switch
        {
            0 => new CampaignWindow { Start = distinct.Item1 },
            1 => new CampaignWindow { End = distinct.Item2 },
            _ => new CampaignWindow { Start = distinct.Item1, End = distinct.Item2 },
        });

    private static Gen<CampaignBound> Bound() =>
        Gen.OneOf(
            Instants().Select(CampaignBound.At),
            from days in Gen.Choose(0, 3_651_693)
            select CampaignBound.OnDate(new LocalDate(1, 1, 1).PlusDays(days)));

    private static Instant Key(CampaignBound bound) => bound.Instant ?? bound.Date!.Value.AtMidnight().InUtc().ToInstant();

    /// <summary>A definition that may be incomplete: what a Draft or a message in Error may hold.</summary>
    private static Gen<MessageDefinition> AnyDefinition(Declared declared) =>
        from definition in CompleteDefinition(declared)
        from noName in Gen.Elements(false, false, true)
        from noChannel in Gen.Elements(false, false, true)
        from noConditions in Gen.Elements(false, false, true)
        from reply in Gen.OneOf(AgentReply(complete: false), BotReply(complete: false))
        from experiment in Experiment(reply, declared, complete: false)
        select definition with
        {
            Experiment = experiment,
            Name = noName ? string.Empty : definition.Name,
            ChannelId = noChannel ? null : definition.ChannelId,
            Reply = reply,
            Rules = noConditions ? definition.Rules with { Conditions = null } : definition.Rules,
        };

    private static Gen<MessageReply> AgentReply(bool complete) =>
        from text in Localized(AgentPieces, complete)
        from askForName in Gen.Elements(false, true)
        from askForEmail in Gen.Elements(false, true)
        from followUp in Localized(AgentPieces, complete: true)
        from dropFollowUp in Gen.Elements(false, !complete)
        select (MessageReply)new AgentReply(text)
        {
            AskForName = askForName,
            AskForEmail = askForEmail,
            FollowUp = (askForName || askForEmail) && !dropFollowUp ? followUp : null,
        };

    private static Gen<MessageReply> BotReply(bool complete) =>
        from text in Localized(BotPieces, complete)
        from answerId in complete ? Identifier() : Gen.OneOf(Identifier(), Gen.Constant(string.Empty))
        select (MessageReply)new BotReply(text, answerId);

    private static Gen<LocalizedText> Localized(string[] pieces, bool complete) =>
        from text in Text(pieces, complete ? 1 : 0, 60)
        from languages in Gen.SubListOf(Languages)
        from variants in Gen.ArrayOf(Text(pieces, 1, 30), languages.Count)
        select new LocalizedText(text, languages.Select((language, i) => KeyValuePair.Create(language, variants[i])));

    /// <summary>A text of pieces; a non-empty text starts with a letter so that it is never blank.</summary>
    /// <remarks>Leaves are built from a generated seed: as reproducible as element-wise generation, and much faster.</remarks>
    private static Gen<string> Text(string[] pieces, int minPieces, int maxPieces) =>
        Seed().Select(seed =>
        {
            var random = new Random(seed);
            var count = random.Next(minPieces, maxPieces + 1);
            if (count == 0)
            {
                return string.Empty;
            }

            var text = new StringBuilder("T");
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            return text.ToString();
        });

    /// <summary>A trimmed, one-line name of 1 to 100 characters.</summary>
    private static Gen<string> Name() =>
        Seed().Select(seed =>
        {
            var random = new Random(seed);
            var name = new StringBuilder("N");
            for (var count = random.Next(0, 41); count > 0; count--)
            {
                name.Append(NamePieces[random.Next(NamePieces.Length)]);
            }

            return name.ToString().TrimEnd();
        });

    private static Gen<string> Identifier() =>
        Seed().Select(seed =>
        {
            var random = new Random(seed);
            var id = new char[random.Next(1, 25)];
            for (var i = 0; i < id.Length; i++)
            {
                id[i] = IdCharacters[random.Next(IdCharacters.Length)];
            }

            return new string(id);
        });

    private static Gen<int> Seed() => Gen.Choose(int.MinValue, int.MaxValue);

    private static Gen<ImmutableArray<string>> TagList() =>
        Gen.SubListOf(Tags).SelectMany(tags => Gen.Shuffle(tags.ToArray())).Select(tags => tags.ToImmutableArray());

    /// <summary>
    /// A condition tree that respects the shape rules: a flat group of one or two conditions, or a
    /// tree of at least three conditions nested at most three groups deep.
    /// </summary>
    private static Gen<ConditionGroup> Tree(Declared declared) =>
        Gen.OneOf(
            from op in Gen.Elements(GroupOperator.All, GroupOperator.Any, GroupOperator.None)
            from count in Gen.Choose(1, 2)
            from items in Gen.ArrayOf(Condition(declared), count)
            select new ConditionGroup(op, items),
            from op in Gen.Elements(GroupOperator.All, GroupOperator.Any, GroupOperator.None)
            from flat in Gen.ArrayOf(Condition(declared), 3)
            from groups in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(NestedGroup(depth: 2, declared), n))
            from items in Gen.Shuffle(flat.Concat(groups).ToArray())
            select new ConditionGroup(op, items));

    private static Gen<ConditionNode> NestedGroup(int depth, Declared declared) =>
        from op in Gen.Elements(GroupOperator.All, GroupOperator.Any, GroupOperator.None)
        from count in Gen.Choose(1, 3)
        from items in Gen.ArrayOf(depth < 3 ? Gen.Frequency((3, Condition(declared)), (1, NestedGroup(depth + 1, declared))) : Condition(declared), count)
        select (ConditionNode)new ConditionGroup(op, items);

    /// <summary>
    /// A condition whose field, operator and value agree (a text operator with a text, a number
    /// operator with a number, a range for "between"), so that what is generated stays valid when
    /// conditions are checked beyond their JSON shape. Together they cover every value kind.
    /// </summary>
    private static Gen<ConditionNode> Condition(Declared declared)
    {
        var text = Text(BotPieces, 1, 10).Select(ConditionValue.FromText);
        var texts = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(text, n)).Select(items => ConditionValue.FromList(items));
        var number = Number().Select(ConditionValue.FromNumber);
        var count = Gen.Choose(0, 1000).Select(i => ConditionValue.FromNumber(i));
        var countRange =
            from min in Gen.Choose(0, 1000)
            from width in Gen.Choose(0, 1000)
            select ConditionValue.FromRange(min, min + width);
        var timeRange =
            from open in Gen.Choose(0, 11)
            from close in Gen.Choose(12, 23)
            select ConditionValue.FromRange($"{open:00}:00", $"{close:00}:30");
        var textOperators = Gen.Elements(
            ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.DoesNotContain,
            ConditionOperator.StartsWith, ConditionOperator.EndsWith, ConditionOperator.MatchesWildcard,
            ConditionOperator.DoesNotStartWith, ConditionOperator.DoesNotEndWith, ConditionOperator.DoesNotMatchWildcard);
        var numberOperators = Gen.Elements(
            ConditionOperator.EqualTo, ConditionOperator.NotEqualTo, ConditionOperator.GreaterThan,
            ConditionOperator.AtLeast, ConditionOperator.LessThan, ConditionOperator.AtMost);

        var builtIn = Gen.OneOf(
            // Text fields.
            from field in Gen.Elements("page.url", "page.path", "page.title", "page.referrer")
            from node in Gen.OneOf(
                from op in textOperators from value in text select new Condition(field, op, value),
                from op in Gen.Elements(ConditionOperator.IsOneOf, ConditionOperator.ContainsOneOf, ConditionOperator.IsNotOneOf) from value in texts select new Condition(field, op, value),
                from op in Gen.Elements(ConditionOperator.MatchesPattern, ConditionOperator.DoesNotMatchPattern) select new Condition(field, op, "^/(checkout|cart)/[0-9]+$"),
                from op in Gen.Elements(ConditionOperator.IsSet, ConditionOperator.IsNotSet) select new Condition(field, op))
            select (ConditionNode)node,

            // Number and duration fields.
            from field in Gen.Elements("visitor.visits", "visit.pageViews", "page.timeOnPage")
            from node in Gen.OneOf(
                from op in numberOperators from value in count select new Condition(field, op, value),
                from value in countRange select new Condition(field, ConditionOperator.Between, value))
            select (ConditionNode)node,

            // Boolean fields.
            from field in Gen.Elements("visitor.isReturning", "visitor.isIdentified")
            from op in Gen.Elements(ConditionOperator.IsTrue, ConditionOperator.IsFalse)
            select (ConditionNode)new Condition(field, op),

            // Enum fields.
            from field in Gen.Elements("visitor.country", "device.type")
            let values = field == "device.type" ? new[] { "desktop", "mobile", "tablet" } : new[] { "PT", "BR", "JP", "US", "DE" }
            from node in Gen.OneOf(
                from op in Gen.Elements(ConditionOperator.Is, ConditionOperator.IsNot) from value in Gen.Elements(values) select new Condition(field, op, value),
                from op in Gen.Elements(ConditionOperator.IsOneOf, ConditionOperator.IsNotOneOf)
                from chosen in Gen.SubListOf(values).Where(l => l.Count > 0)
                select new Condition(field, op, ConditionValue.FromList(chosen)))
            select (ConditionNode)node,

            // The visitor's local time of day.
            from value in timeRange
            select (ConditionNode)new Condition("visitor.localTime", ConditionOperator.Between, value),

            // URL query parameters by name.
            from name in Gen.Elements("utm_source", "plan", "ref")
            from op in textOperators
            from value in text
            select (ConditionNode)new Condition("page.query." + name, op, value));

        var generator = builtIn;
        if (!declared.Attributes.IsEmpty || !declared.Events.IsEmpty)
        {
            var onDeclared = Gen.OneOf(
                [
                    .. declared.Attributes.Select(a => DeclaredCondition(a, text, texts, number, count, countRange, timeRange, textOperators, numberOperators)),
                    .. declared.Events.Select(e => Gen.OneOf(
                        from op in Gen.Elements(ConditionOperator.IsTrue, ConditionOperator.IsFalse) select (ConditionNode)new Condition($"event.{e}.occurred", op),
                        from op in numberOperators from value in count select (ConditionNode)new Condition($"event.{e}.count", op, value))),
                ]);
            generator = Gen.Frequency((1, builtIn), (2, onDeclared));
        }

        // Keep what the field catalogue accepts: the value types and shapes it checks are not
        // this generator's concern, and a refused condition could not be part of a valid message.
        return generator.Where(node => declared.Compiler.Compile(ConditionGroup.All(node)).Succeeded);
    }

    /// <summary>A condition on a declared custom attribute, with an operator and a value of its type.</summary>
    private static Gen<ConditionNode> DeclaredCondition(
        CustomAttributeDeclaration attribute,
        Gen<ConditionValue> text,
        Gen<ConditionValue> texts,
        Gen<ConditionValue> number,
        Gen<ConditionValue> count,
        Gen<ConditionValue> countRange,
        Gen<ConditionValue> timeRange,
        Gen<ConditionOperator> textOperators,
        Gen<ConditionOperator> numberOperators)
    {
        var field = "custom." + attribute.Name;
        var presence = from op in Gen.Elements(ConditionOperator.IsSet, ConditionOperator.IsNotSet) select new Condition(field, op);
        var typed = attribute.Type switch
        {
            FieldType.Text => Gen.OneOf(
                from op in textOperators from value in text select new Condition(field, op, value),
                from op in Gen.Elements(ConditionOperator.IsOneOf, ConditionOperator.ContainsOneOf) from value in texts select new Condition(field, op, value)),
            FieldType.List => Gen.OneOf(
                from op in Gen.Elements(ConditionOperator.Contains, ConditionOperator.DoesNotContain) from value in text select new Condition(field, op, value),
                from value in texts select new Condition(field, ConditionOperator.ContainsOneOf, value)),
            FieldType.Enum => Gen.OneOf(
                from op in Gen.Elements(ConditionOperator.Is, ConditionOperator.IsNot) from value in Gen.Elements(attribute.AllowedValues.ToArray()) select new Condition(field, op, value),
                from chosen in Gen.SubListOf(attribute.AllowedValues.ToArray()).Where(l => l.Count > 0) select new Condition(field, ConditionOperator.IsOneOf, ConditionValue.FromList(chosen))),
            FieldType.Boolean => from op in Gen.Elements(ConditionOperator.IsTrue, ConditionOperator.IsFalse) select new Condition(field, op),
            FieldType.Number => Gen.OneOf(
                from op in numberOperators from value in number select new Condition(field, op, value),
                from value in countRange select new Condition(field, ConditionOperator.Between, value)),
            FieldType.Duration => Gen.OneOf(
                from op in numberOperators from value in count select new Condition(field, op, value),
                from seconds in Gen.Choose(0, 100_000) select new Condition(field, ConditionOperator.AtLeast, ConditionValue.FromText($"PT{seconds}S"))),
            _ => from value in timeRange select new Condition(field, ConditionOperator.Between, value),
        };
        return Gen.Frequency((4, typed), (1, presence)).Select(c => (ConditionNode)c);
    }

    private static Gen<double> Number() =>
        Gen.OneOf(
            Gen.Elements(InterestingNumbers),
            Gen.Choose(-100_000, 100_000).Select(i => (double)i),
            from numerator in Gen.Choose(int.MinValue, int.MaxValue)
            from denominator in Gen.Choose(1, int.MaxValue)
            select (double)numerator / denominator);

    /// <summary>What a workspace declares, and a compiler that knows it: the fields generated conditions may test.</summary>
    private sealed record Declared(ImmutableArray<CustomAttributeDeclaration> Attributes, ImmutableArray<string> Events, ConditionCompiler Compiler)
    {
        public static Declared None { get; } = new([], [], ConditionCompiler.Default);

        public static Declared From(WorkspaceSettings workspace) =>
            workspace.CustomAttributes.IsEmpty && workspace.Events.IsEmpty
                ? None
                : new(workspace.CustomAttributes, workspace.Events, new ConditionCompiler(fields: workspace.ExtendFields(FieldCatalog.Default).GetValueOrThrow()));
    }

    private static Gen<ImmutableArray<Problem>> Problems() =>
        from count in Gen.Choose(1, 3)
        from problems in Gen.ArrayOf(Problem(), count)
        select problems.ToImmutableArray();

    private static Gen<Problem> Problem() =>
        from code in Gen.Elements("channel.deleted", "bot.unpublished", "messaging.off", ModelProblemCodes.ChannelRequired)
        from message in Text(BotPieces, 1, 20)
        from path in Gen.Elements("$", "$.channelId", "$.reply.answerId", "$.rules.conditions.any[1].all[0]", "")
        from kind in Gen.Elements(Enum.GetValues<ProblemKind>())
        select new Problem(code, message, path, kind);

    private static Gen<MessageMetrics> Metrics() =>
        from sent in Count()
        from opened in Count()
        from replied in Count()
        select new MessageMetrics(sent, opened, replied);

    private static Gen<long> Count() =>
        Gen.OneOf(Gen.Choose(0, 1000).Select(c => (long)c), Gen.Choose(0, int.MaxValue).Select(c => (long)c * 4_000_000_000L), Gen.Constant(long.MaxValue));

    /// <summary>Instants from 1970 to about 2106, to the nanosecond.</summary>
    private static Gen<Instant> Instants() =>
        from seconds in Gen.Choose(0, int.MaxValue)
        from extra in Gen.Choose(0, int.MaxValue)
        from nanoseconds in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 999_999_999))
        select Instant.FromUnixTimeSeconds((long)seconds + extra).PlusNanoseconds(nanoseconds);
}
