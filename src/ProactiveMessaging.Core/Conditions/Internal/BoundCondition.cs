using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>A validated condition with its value parsed for its field: what the compiler turns into an instruction.</summary>
internal sealed class BoundCondition
{
    public required Condition Source { get; init; }

    public required FieldDefinition Field { get; init; }

    public ConditionOperator Operator => Source.Operator;

    /// <summary>Whether text compares ignoring case: the condition's own choice, else the field's.</summary>
    public bool IgnoreCase => Source.IgnoreCase ?? Field.IgnoreCase;

    public StringComparison Comparison => IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The text of a single-text operator (URL values normalised).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The items of <c>isOneOf</c> / <c>containsOneOf</c> on text and list fields.</summary>
    public string[] Texts { get; init; } = [];

    /// <summary>The number (or minimum of a range), in seconds for durations and times of day.</summary>
    public double Number { get; init; }

    /// <summary>The items of <c>isOneOf</c> / <c>isNotOneOf</c> on a number field.</summary>
    public double[] Numbers { get; init; } = [];

    /// <summary>The maximum of a range.</summary>
    public double Maximum { get; init; }

    /// <summary>The allowed-value index of an enum <c>is</c> / <c>isNot</c>.</summary>
    public int Code { get; init; } = -1;

    /// <summary>The allowed-value indexes of an enum <c>isOneOf</c>, as bits.</summary>
    public ulong[] Codes { get; init; } = [];

    /// <summary>The compiled pattern of <c>matchesPattern</c>.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The versions of a version condition, read from <see cref="Texts"/> (the minimum and maximum of a range).</summary>
    public SemanticVersion[] Versions { get; init; } = [];

    /// <summary>The CIDR blocks of an IP range condition, read from <see cref="Texts"/>.</summary>
    public IpRange[] Ranges { get; init; } = [];
}
