using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>
/// Turns the loose DTOs of format version 1 into the model, collecting every problem with its
/// JSON path instead of stopping at the first.
/// </summary>
internal sealed class DtoReader
{
    private readonly ImmutableArray<Problem>.Builder _problems = ImmutableArray.CreateBuilder<Problem>();
    /// <summary>
    /// The longest duration read (about 31,700 years): far past any bound validation sets, and well
    /// inside what <see cref="Duration"/> holds, so that a longer one is refused here rather than overflowing.
    /// </summary>
    private const decimal MaxDurationSeconds = 1_000_000_000_000m;

    private readonly JsonFormatOptions _options;

    public DtoReader(JsonFormatOptions options)
    {
        _options = options;
        Validator = options.Validator;
    }

    public ImmutableArray<Problem>.Builder Problems => _problems;

    /// <summary>Gets the validator of the messages: the options' one, with the fields a catalog's workspace declares once it is read.</summary>
    public MessageValidator Validator { get; private set; }

    public bool HasErrors => _problems.Any(p => p.Kind == ProblemKind.Malformed);

    public bool CheckFormatVersion(int? version)
    {
        if (version is null)
        {
            Add(JsonProblemCodes.FormatVersion, $"The document needs \"formatVersion\": {JsonFormatDefaults.FormatVersion}.", "$.formatVersion");
            return false;
        }

        if (version != JsonFormatDefaults.FormatVersion)
        {
            Add(JsonProblemCodes.FormatVersion, $"Format version {version} is not supported; this library reads version {JsonFormatDefaults.FormatVersion}.", "$.formatVersion");
            return false;
        }

        return true;
    }

    public WorkspaceSettings? ReadWorkspace(WorkspaceDto? dto, string path)
    {
        if (dto is null)
        {
            Missing(path);
            return null;
        }

        CheckUnknown(dto, path);
        var id = RequireString(dto.Id, path + ".id");
        if (id is not null && !IdRule.IsValid(id))
        {
            Add(JsonProblemCodes.InvalidValue, $"The workspace id must be {IdRule.Description}.", path + ".id");
        }

        var schedules = ImmutableArray.CreateBuilder<Scheduling.BusinessHoursSchedule>();
        if (dto.Schedules is not null)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < dto.Schedules.Count; i++)
            {
                var schedulePath = Index(path + ".schedules", i);
                if (dto.Schedules[i] is not { } scheduleDto)
                {
                    Add(JsonProblemCodes.WrongType, "A schedule is an object.", schedulePath);
                    continue;
                }

                CheckUnknown(scheduleDto, schedulePath);
                for (var j = 0; j < (scheduleDto.Weekly?.Count ?? 0); j++)
                {
                    if (scheduleDto.Weekly![j] is { } interval)
                    {
                        CheckUnknown(interval, Index(schedulePath + ".weekly", j));
                    }
                }

                for (var j = 0; j < (scheduleDto.Holidays?.Count ?? 0); j++)
                {
                    if (scheduleDto.Holidays![j] is { } holiday)
                    {
                        CheckUnknown(holiday, Index(schedulePath + ".holidays", j));
                    }
                }

                if (ScheduleDtoMapper.FromDto(scheduleDto, schedulePath, _problems) is not { } schedule)
                {
                    continue;
                }

                if (seen.TryGetValue(schedule.Id, out var first))
                {
                    Add(JsonProblemCodes.DuplicateId, $"The schedule id '{schedule.Id}' is already used by {Index(path + ".schedules", first)}.", schedulePath + ".id");
                    continue;
                }

                seen.Add(schedule.Id, i);
                schedules.Add(schedule);
            }
        }

        if (dto.DefaultScheduleId is { } defaultSchedule && !schedules.Any(s => s.Id == defaultSchedule))
        {
            Add(JsonProblemCodes.InvalidValue, $"The default schedule '{defaultSchedule}' is not one of the workspace's schedules.", path + ".defaultScheduleId");
        }

        var attributes = ReadCustomAttributes(dto.CustomAttributes, path + ".customAttributes");
        var events = ReadEvents(dto.Events, path + ".events");

        // The messages that follow validate against the host's fields and the declared ones; a bad
        // declaration is left out, so its conditions are reported as well.
        var fields = WorkspaceSettings.Extend(Validator.Fields, attributes, dto.CustomAttributes?.Count ?? 0, events, dto.Events?.Count ?? 0, path, _problems);
        Validator = Validator.WithFields(fields);

        return id is null ? null : new WorkspaceSettings(id)
        {
            Name = dto.Name,
            DefaultScheduleId = dto.DefaultScheduleId,
            Schedules = schedules.ToImmutable(),
            CustomAttributes = [.. attributes.Select(a => a.Attribute)],
            Events = [.. events.Select(e => e.Name)],
        };
    }

    private List<(int Index, CustomAttributeDeclaration Attribute)> ReadCustomAttributes(List<CustomAttributeDto?>? dtos, string path)
    {
        var attributes = new List<(int, CustomAttributeDeclaration)>();
        for (var i = 0; i < (dtos?.Count ?? 0); i++)
        {
            var itemPath = Index(path, i);
            if (dtos![i] is not { } dto)
            {
                Add(JsonProblemCodes.WrongType, "A custom attribute is an object: {\"name\", \"type\"}.", itemPath);
                continue;
            }

            CheckUnknown(dto, itemPath);
            var name = RequireString(dto.Name, itemPath + ".name");
            var type = ReadEnum<FieldType>(dto.Type, itemPath + ".type", required: true);
            if (dto.IgnoreCase is not null && type is not (null or FieldType.Text or FieldType.List))
            {
                Add(JsonProblemCodes.NotApplicable, $"Only a text or list attribute has a case mode; {JsonEnumNames<FieldType>.NameOf(type.Value)} values {(type == FieldType.Enum ? "always compare ignoring case" : "have no case")}.", itemPath + ".ignoreCase");
                continue;
            }

            var values = ImmutableArray.CreateBuilder<string>(dto.AllowedValues?.Count ?? 0);
            var valuesRead = true;
            for (var j = 0; j < (dto.AllowedValues?.Count ?? 0); j++)
            {
                if (dto.AllowedValues![j] is { } value)
                {
                    values.Add(value);
                }
                else
                {
                    Add(JsonProblemCodes.WrongType, "An allowed value is a string.", Index(itemPath + ".allowedValues", j));
                    valuesRead = false;
                }
            }

            if (name is not null && type is not null && valuesRead)
            {
                attributes.Add((i, new CustomAttributeDeclaration(name, type.Value)
                {
                    IgnoreCase = dto.IgnoreCase ?? true,
                    AllowedValues = values.ToImmutable(),
                }));
            }
        }

        return attributes;
    }

    private List<(int Index, string Name)> ReadEvents(List<string?>? names, string path)
    {
        var events = new List<(int, string)>();
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (names![i] is { } name)
            {
                events.Add((i, name));
            }
            else
            {
                Add(JsonProblemCodes.WrongType, "An event is its name, a string.", Index(path, i));
            }
        }

        return events;
    }

    public ProactiveMessage? ReadMessage(MessageDocumentDto dto, string path)
    {
        CheckUnknown(dto, path);
        var start = _problems.Count;

        var id = RequireString(dto.Id, path + ".id");
        if (id is not null)
        {
            var idProblems = ImmutableArray.CreateBuilder<Problem>();
            MessageValidator.ValidateId(id, path + ".id", idProblems);
            _problems.AddRange(idProblems);
        }

        var beforeContent = _problems.Count;
        var reply = ReadReply(dto.Reply, path + ".reply");
        var rules = ReadRules(dto.Rules, path + ".rules");
        var contentRead = _problems.Count == beforeContent;
        var timing = ReadEnum<MessageTiming>(dto.Timing, path + ".timing", required: true);
        var frequency = ReadEnum<MessageFrequency>(dto.Frequency, path + ".frequency", required: true);
        var window = ReadWindow(dto.Window, path + ".window");
        var experiment = ReadExperiment(dto.Experiment, path + ".experiment");
        var status = ReadEnum<MessageStatus>(dto.Status, path + ".status", required: true);
        var problems = ReadProblems(dto.Problems, path + ".problems");
        var metrics = ReadMetrics(dto.Metrics, path + ".metrics");
        var updatedAt = ReadInstant(dto.UpdatedAt, path + ".updatedAt", required: true);
        var publishedAt = ReadInstant(dto.PublishedAt, path + ".publishedAt", required: false);
        var version = dto.Version;
        if (version is null)
        {
            Missing(path + ".version");
        }
        else if (version < 1)
        {
            Add(JsonProblemCodes.InvalidValue, "The version must be 1 or more.", path + ".version");
        }

        if (dto.Name is null)
        {
            Missing(path + ".name");
        }

        // A reply or rules that failed to read would only add misleading "missing" problems.
        if (reply is null || rules is null || dto.Name is null || !contentRead)
        {
            return null;
        }

        // The definition is validated even when a property around it failed, so that every
        // problem is reported at once; a missing enum value takes a stand-in for that purpose only.
        var definition = new MessageDefinition
        {
            Name = dto.Name,
            ChannelId = dto.ChannelId,
            Reply = reply,
            Rules = rules,
            Timing = timing ?? MessageTiming.Anytime,
            Frequency = frequency ?? MessageFrequency.OncePerVisit,
            Priority = dto.Priority ?? 0,
            Window = window,
            Experiment = experiment,
        };

        var checkedDefinition = Validator.Validate(definition);
        foreach (var problem in checkedDefinition.Problems)
        {
            // Validation speaks of a message at "$"; inside a catalog the message sits deeper.
            var located = path == "$" ? problem : problem.WithPath(path + problem.Path[1..]);
            if (located.Kind == ProblemKind.Malformed || status is MessageStatus.Live or MessageStatus.Paused)
            {
                _problems.Add(located.Kind == ProblemKind.Malformed
                    ? located
                    : new Problem(JsonProblemCodes.InconsistentState, $"A {status} message must be complete: {located.Message}", located.Path));
            }
        }

        if (!checkedDefinition.Succeeded || timing is null || frequency is null || status is null || _problems.Skip(start).Any(p => p.Kind == ProblemKind.Malformed))
        {
            return null;
        }

        if (status == MessageStatus.Error && problems.IsEmpty)
        {
            Add(JsonProblemCodes.InconsistentState, "A message in Error lists the problems that put it there.", path + ".problems");
        }
        else if (status != MessageStatus.Error && !problems.IsEmpty)
        {
            Add(JsonProblemCodes.InconsistentState, $"Only a message in Error carries problems; this one is {status}.", path + ".problems");
        }

        if (status is MessageStatus.Live or MessageStatus.Paused && publishedAt is null)
        {
            Add(JsonProblemCodes.InconsistentState, $"A {status} message has a publishedAt instant.", path + ".publishedAt");
        }

        if (_problems.Count > start && _problems.Skip(start).Any(p => p.Kind == ProblemKind.Malformed))
        {
            return null;
        }

        return new ProactiveMessage(id!, checkedDefinition.Value, status.Value, problems, metrics ?? MessageMetrics.Zero, updatedAt!.Value, publishedAt, version!.Value);
    }

    private MessageReply? ReadReply(ReplyDto? dto, string path)
    {
        if (dto is null)
        {
            Missing(path);
            return null;
        }

        CheckUnknown(dto, path);
        var text = ReadText(dto.Text, path + ".text", required: true);
        switch (dto.Type)
        {
            case null:
                Missing(path + ".type");
                return null;

            case "agent":
                if (dto.AnswerId is not null)
                {
                    Add(JsonProblemCodes.NotApplicable, "An agent reply has no bot answer; use \"type\": \"bot\" for a bot reply.", path + ".answerId");
                }

                var followUp = dto.FollowUp is null ? null : ReadText(dto.FollowUp, path + ".followUp", required: true);
                return text is null ? null : new AgentReply(text)
                {
                    AskForName = dto.AskForName ?? false,
                    AskForEmail = dto.AskForEmail ?? false,
                    FollowUp = followUp,
                };

            case "bot":
                if (dto.AskForName is not null || dto.AskForEmail is not null || dto.FollowUp is not null)
                {
                    Add(JsonProblemCodes.NotApplicable, "A bot reply does not ask for a name or an email and has no follow-up: the bot runs the conversation.", path);
                }

                return text is null ? null : new BotReply(text, dto.AnswerId ?? string.Empty);

            default:
                Add(JsonProblemCodes.UnknownValue, $"'{dto.Type}' is not a reply type; use \"agent\" or \"bot\".", path + ".type");
                return null;
        }
    }

    private LocalizedText? ReadText(TextDto? dto, string path, bool required)
    {
        if (dto is null)
        {
            if (required)
            {
                Missing(path);
            }

            return null;
        }

        CheckUnknown(dto, path);
        var defaultText = RequireString(dto.Default, path + ".default");
        var variants = new List<KeyValuePair<string, string>>();
        if (dto.Variants is not null)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (language, text) in dto.Variants)
            {
                var variantPath = $"{path}.variants['{language}']";
                if (!seen.Add(language))
                {
                    Add(Model.ModelProblemCodes.VariantLanguageDuplicate, $"The language '{language}' has two variants (tags ignore case).", variantPath);
                    continue;
                }

                if (text is null)
                {
                    Add(JsonProblemCodes.WrongType, "A variant is a string.", variantPath);
                    continue;
                }

                variants.Add(new KeyValuePair<string, string>(language, text));
            }
        }

        return defaultText is null ? null : new LocalizedText(defaultText, variants);
    }

    private MessageRules? ReadRules(RulesDto? dto, string path)
    {
        if (dto is null)
        {
            Missing(path);
            return null;
        }

        CheckUnknown(dto, path);
        ConditionGroup? conditions = null;
        if (dto.Conditions is not null)
        {
            var node = ReadNode(dto.Conditions, path + ".conditions");
            if (node is Condition)
            {
                Add(JsonProblemCodes.WrongType, "The root of the conditions is a group: {\"all\": [...]} or {\"any\": [...]}.", path + ".conditions");
            }

            conditions = node as ConditionGroup;
        }

        var tags = ImmutableArray.CreateBuilder<string>();
        if (dto.Tags is not null)
        {
            for (var i = 0; i < dto.Tags.Count; i++)
            {
                if (dto.Tags[i] is { } tag)
                {
                    tags.Add(tag);
                }
                else
                {
                    Add(JsonProblemCodes.WrongType, "A tag is a string.", Index(path + ".tags", i));
                }
            }
        }

        return new MessageRules { Conditions = conditions, Tags = tags.ToImmutable() };
    }

    private ConditionNode? ReadNode(ConditionNodeDto? dto, string path)
    {
        if (dto is null)
        {
            Add(JsonProblemCodes.WrongType, "A condition or group is an object.", path);
            return null;
        }

        CheckUnknown(dto, path);
        var groups = (dto.All is null ? 0 : 1) + (dto.Any is null ? 0 : 1) + (dto.None is null ? 0 : 1);
        var isGroup = groups > 0;
        var isCondition = dto.Field is not null || dto.Operator is not null || dto.Value is not null || dto.IgnoreCase is not null;
        if (groups > 1)
        {
            Add(JsonProblemCodes.InvalidValue, "A group is one of \"all\", \"any\" or \"none\": nest one inside the other.", path);
            return null;
        }

        if (isGroup && isCondition)
        {
            Add(JsonProblemCodes.InvalidValue, "An item is either a group (\"all\"/\"any\"/\"none\") or a condition (\"field\", \"operator\", \"value\"), not both.", path);
            return null;
        }

        if (isGroup)
        {
            var (@operator, list, itemsPath) = dto switch
            {
                { All: { } all } => (GroupOperator.All, all, path + ".all"),
                { Any: { } any } => (GroupOperator.Any, any, path + ".any"),
                _ => (GroupOperator.None, dto.None!, path + ".none"),
            };
            var items = new List<ConditionNode>(list.Count);
            var failed = false;
            for (var i = 0; i < list.Count; i++)
            {
                var item = ReadNode(list[i], Index(itemsPath, i));
                if (item is null)
                {
                    failed = true;
                }
                else
                {
                    items.Add(item);
                }
            }

            return failed ? null : new ConditionGroup(@operator, items);
        }

        if (dto.Field is null)
        {
            Add(JsonProblemCodes.MissingProperty, "An item needs \"field\" and \"operator\" (a condition) or \"all\"/\"any\"/\"none\" (a group).", path);
            return null;
        }

        ConditionOperator? op = null;
        if (dto.Operator is null)
        {
            Missing(path + ".operator");
        }
        else if (ConditionOperatorNames.TryParse(dto.Operator, out var parsed))
        {
            op = parsed;
        }
        else
        {
            Add(JsonProblemCodes.UnknownValue, $"'{dto.Operator}' is not an operator; use one of: {ConditionOperatorNames.All}.", path + ".operator");
        }

        var value = dto.Value is { } element ? ReadValue(element, path + ".value", depth: 0) : ConditionValue.None;
        return op is null || value is null ? null : new Condition(dto.Field, op.Value, value) { IgnoreCase = dto.IgnoreCase };
    }

    private ConditionValue? ReadValue(JsonElement element, string path, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ConditionValue.FromText(element.GetString()!);
            case JsonValueKind.Number:
                if (element.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return ConditionValue.FromNumber(number);
                }

                Add(JsonProblemCodes.InvalidValue, "The number is out of range.", path);
                return null;
            case JsonValueKind.True:
                return ConditionValue.True;
            case JsonValueKind.False:
                return ConditionValue.False;
            case JsonValueKind.Null:
                return ConditionValue.None;
            case JsonValueKind.Array when depth == 0:
                var items = new List<ConditionValue>();
                var index = 0;
                var failed = false;
                foreach (var item in element.EnumerateArray())
                {
                    var read = ReadValue(item, Index(path, index++), depth + 1);
                    if (read is null)
                    {
                        failed = true;
                    }
                    else if (read.Kind is not ConditionValueKind.Text and not ConditionValueKind.Number)
                    {
                        Add(JsonProblemCodes.WrongType, "A list holds strings or numbers.", Index(path, index - 1));
                        failed = true;
                    }
                    else
                    {
                        items.Add(read);
                    }
                }

                return failed ? null : ConditionValue.FromList(items);
            case JsonValueKind.Object when depth == 0:
                ConditionValue? min = null;
                ConditionValue? max = null;
                var ok = true;
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = path + JsonPreScanner.Property(property.Name);
                    if (property.Name is not ("min" or "max"))
                    {
                        Add(JsonProblemCodes.UnknownProperty, $"A range has only \"min\" and \"max\"; '{property.Name}' is not one of them.", propertyPath);
                        ok = false;
                        continue;
                    }

                    var bound = ReadValue(property.Value, propertyPath, depth + 1);
                    if (bound is null || bound.Kind is not ConditionValueKind.Text and not ConditionValueKind.Number)
                    {
                        if (bound is not null)
                        {
                            Add(JsonProblemCodes.WrongType, "A range bound is a number or a string.", propertyPath);
                        }

                        ok = false;
                        continue;
                    }

                    if (property.Name == "min")
                    {
                        min = bound;
                    }
                    else
                    {
                        max = bound;
                    }
                }

                if (ok && (min is null || max is null))
                {
                    Add(JsonProblemCodes.MissingProperty, "A range needs both \"min\" and \"max\".", path);
                    ok = false;
                }

                return ok ? ConditionValue.FromRange(min!, max!) : null;
            default:
                Add(JsonProblemCodes.WrongType, "A condition value is a string, a number, a boolean, a list, or a range {\"min\", \"max\"}.", path);
                return null;
        }
    }

    private ImmutableArray<Problem> ReadProblems(List<ProblemDto?>? dtos, string path)
    {
        if (dtos is null)
        {
            return [];
        }

        var problems = ImmutableArray.CreateBuilder<Problem>(dtos.Count);
        for (var i = 0; i < dtos.Count; i++)
        {
            var itemPath = Index(path, i);
            if (dtos[i] is not { } dto)
            {
                Add(JsonProblemCodes.WrongType, "A problem is an object.", itemPath);
                continue;
            }

            CheckUnknown(dto, itemPath);
            var code = RequireString(dto.Code, itemPath + ".code");
            var message = RequireString(dto.Message, itemPath + ".message");
            var problemPath = RequireString(dto.Path, itemPath + ".path");
            var kind = ReadEnum<ProblemKind>(dto.Kind, itemPath + ".kind", required: true);
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(message) || problemPath is null || kind is null)
            {
                if (code?.Length == 0 || message?.Length == 0)
                {
                    Add(JsonProblemCodes.InvalidValue, "A problem has a non-empty code and message.", itemPath);
                }

                continue;
            }

            problems.Add(new Problem(code, message, problemPath, kind.Value));
        }

        return problems.ToImmutable();
    }

    private MessageMetrics? ReadMetrics(MetricsDto? dto, string path)
    {
        if (dto is null)
        {
            Missing(path);
            return null;
        }

        CheckUnknown(dto, path);
        return new MessageMetrics(Count(dto.Sent, path + ".sent"), Count(dto.Opened, path + ".opened"), Count(dto.Replied, path + ".replied"));
    }

    private long Count(long? value, string path)
    {
        if (value is null)
        {
            Missing(path);
            return 0;
        }

        if (value < 0)
        {
            Add(JsonProblemCodes.InvalidValue, "A count cannot be negative.", path);
            return 0;
        }

        return value.Value;
    }

    /// <summary>A campaign window; each bound is an instant in UTC or a date, told apart by the time that only an instant has.</summary>
    private CampaignWindow? ReadWindow(WindowDto? dto, string path)
    {
        if (dto is null)
        {
            return null;
        }

        CheckUnknown(dto, path);
        var before = _problems.Count;
        var window = new CampaignWindow { Start = ReadBound(dto.Start, path + ".start"), End = ReadBound(dto.End, path + ".end") };

        // A bound that did not read is reported; validating the window without it would only add misleading problems.
        return _problems.Count == before ? window : null;
    }

    /// <summary>
    /// A message's experiment; absent properties take the model's defaults. Like a window, an
    /// experiment with a property that did not read is left out of validation, which would only
    /// add misleading problems.
    /// </summary>
    private MessageExperiment? ReadExperiment(ExperimentDto? dto, string path)
    {
        if (dto is null)
        {
            return null;
        }

        CheckUnknown(dto, path);
        var before = _problems.Count;
        var rollout = ReadPercent(dto.RolloutPercent, path + ".rolloutPercent", required: false);
        var holdout = ReadPercent(dto.HoldoutPercent, path + ".holdoutPercent", required: false);
        var variants = ImmutableArray.CreateBuilder<MessageVariant>(dto.Variants?.Count ?? 0);
        for (var i = 0; i < (dto.Variants?.Count ?? 0); i++)
        {
            var variantPath = Index(path + ".variants", i);
            if (dto.Variants![i] is not { } variantDto)
            {
                Add(JsonProblemCodes.WrongType, "A variant is an object: {\"id\", \"weight\", \"text\"}.", variantPath);
                continue;
            }

            CheckUnknown(variantDto, variantPath);
            var id = RequireString(variantDto.Id, variantPath + ".id");
            var weight = ReadPercent(variantDto.Weight, variantPath + ".weight", required: true);
            var text = ReadText(variantDto.Text, variantPath + ".text", required: true);
            var followUp = variantDto.FollowUp is null ? null : ReadText(variantDto.FollowUp, variantPath + ".followUp", required: true);
            if (id is not null && weight is not null && text is not null)
            {
                variants.Add(new MessageVariant { Id = id, Weight = weight.Value, Text = text, FollowUp = followUp });
            }
        }

        var goal = ReadGoal(dto.Goal, path + ".goal");
        if (_problems.Count != before)
        {
            return null;
        }

        return new MessageExperiment
        {
            RolloutPercent = rollout ?? 100m,
            Salt = dto.Salt ?? string.Empty,
            Variants = variants.ToImmutable(),
            HoldoutPercent = holdout ?? 0m,
            Goal = goal,
        };
    }

    /// <summary>A goal; whether it names an event or a page (exactly one) is left to validation, which says so at the goal's path.</summary>
    private ConversionGoal? ReadGoal(GoalDto? dto, string path)
    {
        if (dto is null)
        {
            return null;
        }

        CheckUnknown(dto, path);
        Condition? page = null;
        if (dto.Page is not null)
        {
            var node = ReadNode(dto.Page, path + ".page");
            if (node is ConditionGroup)
            {
                Add(JsonProblemCodes.WrongType, "A page goal is one condition on page.path or page.url, such as {\"field\": \"page.path\", \"operator\": \"startsWith\", \"value\": \"/thanks\"}, not a group.", path + ".page");
            }

            page = node as Condition;
        }

        var window = ReadDuration(dto.Window, path + ".window");
        return new ConversionGoal { EventName = dto.Event, Page = page, Window = window ?? ConversionGoal.DefaultWindow };
    }

    /// <summary>
    /// A percentage, read as a decimal from the number's digits. A number the decimal type cannot
    /// hold is far outside every percentage's range, and is reported as such.
    /// </summary>
    private decimal? ReadPercent(JsonElement? element, string path, bool required)
    {
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            if (required)
            {
                Missing(path);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Add(JsonProblemCodes.WrongType, "A percentage is a number, such as 50 or 33.33.", path);
            return null;
        }

        if (value.TryGetDecimal(out var percent))
        {
            return percent;
        }

        Add(JsonProblemCodes.InvalidValue, "The number is out of range: a percentage is 0 to 100, in steps of 0.01.", path);
        return null;
    }

    /// <summary>A duration as condition values write it: seconds as a number, or ISO 8601 without years or months (a day is 24 hours).</summary>
    private Duration? ReadDuration(JsonElement? element, string path)
    {
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetDecimal(out var seconds) && FromSeconds(seconds) is { } fromSeconds)
                {
                    return fromSeconds;
                }

                Add(JsonProblemCodes.InvalidValue, "The number of seconds is out of range.", path);
                return null;

            case JsonValueKind.String:
                var text = value.GetString()!;
                if (PeriodPattern.NormalizingIso.Parse(text) is { Success: true } parsed && parsed.Value is { Years: 0, Months: 0 } period && FromSeconds(TotalSeconds(period)) is { } duration)
                {
                    return duration;
                }

                Add(JsonProblemCodes.InvalidValue, $"'{Conditions.Internal.ConditionBinder.Shorten(text)}' is not a duration: write seconds (86400) or ISO 8601 (\"P7D\", \"PT12H\"); years and months are refused, as their length varies.", path);
                return null;

            default:
                Add(JsonProblemCodes.WrongType, "A duration is seconds (a number) or ISO 8601 (a string such as \"P7D\").", path);
                return null;
        }
    }

    /// <summary>A duration of so many seconds (rounded to the nanosecond), or <see langword="null"/> past <see cref="MaxDurationSeconds"/>.</summary>
    private static Duration? FromSeconds(decimal seconds)
    {
        if (Math.Abs(seconds) > MaxDurationSeconds)
        {
            return null;
        }

        var whole = decimal.Truncate(seconds);
        return Duration.FromSeconds((long)whole) + Duration.FromNanoseconds((long)decimal.Round((seconds - whole) * 1_000_000_000m));
    }

    /// <summary>
    /// The length of a period without years or months, a day being 24 hours. Summed as a decimal, which
    /// holds every part's range exactly, so that no period in the text can overflow the sum.
    /// </summary>
    private static decimal TotalSeconds(Period period) =>
        ((period.Weeks * 7m) + period.Days) * 86_400m
        + (period.Hours * 3_600m) + (period.Minutes * 60m) + period.Seconds
        + (period.Milliseconds / 1_000m) + (period.Ticks / 10_000_000m) + (period.Nanoseconds / 1_000_000_000m);

    private CampaignBound? ReadBound(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Contains('T', StringComparison.Ordinal))
        {
            var instant = InstantPattern.ExtendedIso.Parse(text);
            if (instant.Success)
            {
                return CampaignBound.At(instant.Value);
            }
        }
        else if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            return CampaignBound.OnDate(date.Value);
        }

        Add(JsonProblemCodes.InvalidValue, $"'{text}' is neither an ISO 8601 instant in UTC such as 2026-11-27T08:00:00Z nor a date such as 2026-11-27.", path);
        return null;
    }

    private Instant? ReadInstant(string? text, string path, bool required)
    {
        if (text is null)
        {
            if (required)
            {
                Missing(path);
            }

            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        Add(JsonProblemCodes.InvalidValue, $"'{text}' is not an ISO 8601 instant in UTC such as 2026-11-25T08:00:00Z.", path);
        return null;
    }

    private TEnum? ReadEnum<TEnum>(string? text, string path, bool required)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            if (required)
            {
                Missing(path);
            }

            return null;
        }

        if (JsonEnumNames<TEnum>.TryParse(text, out var value))
        {
            return value;
        }

        Add(JsonProblemCodes.UnknownValue, $"'{text}' is not a {typeof(TEnum).Name} value; use one of: {JsonEnumNames<TEnum>.All}.", path);
        return null;
    }

    private string? RequireString(string? value, string path)
    {
        if (value is null)
        {
            Missing(path);
        }

        return value;
    }

    public void CheckUnknown(DtoBase dto, string path)
    {
        if (dto.Unknown is null)
        {
            return;
        }

        foreach (var name in dto.Unknown.Keys)
        {
            Add(JsonProblemCodes.UnknownProperty, $"'{name}' is not a property of format version {JsonFormatDefaults.FormatVersion} here.", path + JsonPreScanner.Property(name));
        }
    }

    public void Missing(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        Add(JsonProblemCodes.MissingProperty, $"The property '{name}' is required.", path);
    }

    public void Add(string code, string message, string path) => _problems.Add(new Problem(code, message, path));

    internal static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
