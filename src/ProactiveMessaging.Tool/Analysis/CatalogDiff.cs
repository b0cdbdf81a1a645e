using System.Globalization;
using System.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>One changed aspect of a message, old and new in a short readable form.</summary>
internal sealed record MessageChange(string Aspect, string Old, string New);

/// <summary>What happened to one message id between two catalogs.</summary>
internal sealed record MessageDiff(string Id, string Kind, string Name, IReadOnlyList<MessageChange> Changes);

/// <summary>
/// The differences between two catalogs, message by message (matched by id): added, removed, or
/// changed in status, name, channel, conditions, tags, timing, frequency, priority, window, texts,
/// reply or experiment. Metrics, versions and update times are not changes of the message's meaning
/// and are not compared.
/// </summary>
internal static class CatalogDiff
{
    private const int MaxShown = 160;

    public static (List<MessageDiff> Diffs, int Unchanged) Compare(CatalogDocument old, CatalogDocument @new)
    {
        var olds = old.Messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var news = @new.Messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var diffs = new List<MessageDiff>();
        var unchanged = 0;
        foreach (var before in old.Messages)
        {
            if (!news.TryGetValue(before.Id, out var after))
            {
                diffs.Add(new MessageDiff(before.Id, "removed", before.Name, []));
                continue;
            }

            var changes = Changes(before, after);
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                diffs.Add(new MessageDiff(before.Id, "changed", after.Name, changes));
            }
        }

        diffs.AddRange(@new.Messages.Where(m => !olds.ContainsKey(m.Id)).Select(m => new MessageDiff(m.Id, "added", m.Name, [])));
        return (diffs, unchanged);
    }

    private static List<MessageChange> Changes(ProactiveMessage before, ProactiveMessage after)
    {
        var changes = new List<MessageChange>();
        void Add(string aspect, string oldText, string newText)
        {
            if (!string.Equals(oldText, newText, StringComparison.Ordinal))
            {
                changes.Add(new MessageChange(aspect, Shorten(oldText), Shorten(newText)));
            }
        }

        Add("status", Camel(before.Status.ToString()), Camel(after.Status.ToString()));
        Add("name", Quote(before.Name), Quote(after.Name));
        Add("channel", before.ChannelId ?? "none", after.ChannelId ?? "none");
        Add("conditions", Describe(before.Rules.Conditions), Describe(after.Rules.Conditions));
        Add("tags", string.Join(", ", before.Rules.Tags), string.Join(", ", after.Rules.Tags));
        Add("timing", Camel(before.Timing.ToString()), Camel(after.Timing.ToString()));
        Add("frequency", Camel(before.Frequency.ToString()), Camel(after.Frequency.ToString()));
        Add("priority", before.Priority.ToString(CultureInfo.InvariantCulture), after.Priority.ToString(CultureInfo.InvariantCulture));
        Add("window", Describe(before.Window), Describe(after.Window));
        Add("reply", DescribeReply(before.Reply), DescribeReply(after.Reply));
        AddTexts("text", before.Reply.Text, after.Reply.Text, Add);
        AddTexts("followUp", (before.Reply as AgentReply)?.FollowUp, (after.Reply as AgentReply)?.FollowUp, Add);
        Add("experiment", Describe(before.Experiment), Describe(after.Experiment));
        return changes;
    }

    /// <summary>The default text and each language's, as separate changes, so one edited translation reads as one line.</summary>
    private static void AddTexts(string aspect, LocalizedText? before, LocalizedText? after, Action<string, string, string> add)
    {
        add(aspect, before is null ? "none" : Quote(before.Default), after is null ? "none" : Quote(after.Default));
        var languages = (before?.Variants.Keys ?? []).Union(after?.Variants.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            add($"{aspect}[{language}]", Variant(before, language), Variant(after, language));
        }

        static string Variant(LocalizedText? text, string language) => text is not null && text.Variants.TryGetValue(language, out var value) ? Quote(value) : "none";
    }

    internal static string Describe(ConditionGroup? group)
    {
        if (group is null)
        {
            return "none";
        }

        var text = new StringBuilder();
        Append(group, text);
        return text.ToString();
    }

    private static void Append(ConditionNode node, StringBuilder text)
    {
        switch (node)
        {
            case Condition condition:
                text.Append(ConditionAnalyzer.Describe(condition));
                if (condition.IgnoreCase is { } ignoreCase)
                {
                    text.Append(ignoreCase ? " ignoring case" : " matching case");
                }

                break;
            case ConditionGroup group:
                text.Append(ConditionAnalyzer.OperatorName(group.Operator)).Append('(');
                for (var i = 0; i < group.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Append(group.Items[i], text);
                }

                text.Append(')');
                break;
        }
    }

    private static string Describe(CampaignWindow? window) =>
        window is null ? "none" : $"{window.Start?.ToString() ?? "open"} .. {window.End?.ToString() ?? "open"}";

    private static string DescribeReply(MessageReply reply) => reply switch
    {
        BotReply bot => $"bot answer {bot.AnswerId}",
        AgentReply agent => $"agent{(agent.AskForName ? ", asks for name" : string.Empty)}{(agent.AskForEmail ? ", asks for email" : string.Empty)}",
        _ => reply.GetType().Name,
    };

    private static string Describe(MessageExperiment? experiment)
    {
        if (experiment is null)
        {
            return "none";
        }

        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"rollout {experiment.RolloutPercent}%") };
        if (experiment.HoldoutPercent > 0m)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"holdout {experiment.HoldoutPercent}%"));
        }

        if (!experiment.Variants.IsEmpty)
        {
            parts.Add("variants " + string.Join(" ", experiment.Variants.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Id}:{v.Weight} {Quote(v.Text.Default)}"))));
        }

        if (experiment.Goal is { } goal)
        {
            parts.Add(goal.EventName is { } name ? $"goal event {name}" : $"goal page {(goal.Page is null ? "none" : ConditionAnalyzer.Describe(goal.Page))}");
        }

        return string.Join(", ", parts);
    }

    private static string Quote(string text) => $"\"{text}\"";

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string Shorten(string text) => text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");
}
