using System.Collections.Immutable;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The binding of conditions on version fields.</summary>
internal sealed partial class ConditionBinder
{
    /// <summary>
    /// The operators of versions: comparisons by precedence, and a list of versions. A property, as
    /// <see cref="OperatorTable"/> in the other part of the class reads it while the type initialises.
    /// </summary>
    private static ImmutableArray<ConditionOperator> VersionOperators =>
    [
        ConditionOperator.EqualTo, ConditionOperator.NotEqualTo, ConditionOperator.GreaterThan, ConditionOperator.AtLeast,
        ConditionOperator.LessThan, ConditionOperator.AtMost, ConditionOperator.Between, ConditionOperator.IsOneOf,
        ConditionOperator.IsSet, ConditionOperator.IsNotSet,
    ];

    /// <summary>Why a text is not a version, in words, for problems.</summary>
    public static string DescribeVersionError(VersionError error) => error switch
    {
        VersionError.Empty => "it is empty",
        VersionError.NumberExpected => "a number is missing",
        VersionError.NumberTooLarge => "a number is too large",
        VersionError.LeadingZero => "a number has a leading zero",
        VersionError.EmptyIdentifier => "a pre-release or build identifier is empty",
        _ => "it has a character a version cannot hold",
    };

    private BoundCondition? BindVersion(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        var value = condition.Value;
        string?[] texts;
        string[] paths;
        switch (ValueKindOf(field.Type, condition.Operator))
        {
            case ConditionValueKind.List:
                if (!IsList(value, "a list of versions", path, problems))
                {
                    return null;
                }

                texts = [.. value.Items.Select(item => item.Kind == ConditionValueKind.Text ? item.Text : null)];
                paths = [.. value.Items.Select((_, i) => $"{path}[{i}]")];
                break;
            case ConditionValueKind.Range:
                if (value.Kind != ConditionValueKind.Range)
                {
                    WrongType("a range {\"min\": ..., \"max\": ...} of versions", path, problems);
                    return null;
                }

                texts = [value.Min.Kind == ConditionValueKind.Text ? value.Min.Text : null, value.Max.Kind == ConditionValueKind.Text ? value.Max.Text : null];
                paths = [path + ".min", path + ".max"];
                break;
            default:
                texts = [value.Kind == ConditionValueKind.Text ? value.Text : null];
                paths = [path];
                break;
        }

        var before = problems.Count;
        var versions = new SemanticVersion[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } text)
            {
                // A number such as 2 or 2.1 is refused rather than read: JSON would have lost "2.10" as 2.1.
                WrongType("a version written as a text, such as \"2.1.0\"", paths[i], problems);
                continue;
            }

            if (text.Length > MaxTextLength)
            {
                problems.Add(new Problem(ConditionProblemCodes.ValueTooLong, $"The text has {text.Length} characters; at most {MaxTextLength} are allowed.", paths[i]));
                continue;
            }

            var error = SemanticVersion.Parse(text, out versions[i]);
            if (error != VersionError.None)
            {
                problems.Add(new Problem(ConditionProblemCodes.VersionInvalid, $"'{Shorten(text)}' is not a version such as \"2.1.0\" or \"3.0.0-beta.2\" (Semantic Versioning 2.0): {DescribeVersionError(error)}.", paths[i]));
            }
        }

        if (problems.Count != before)
        {
            return null;
        }

        if (condition.Operator == ConditionOperator.Between && SemanticVersion.Compare(in versions[0], texts[0], in versions[1], texts[1]) > 0)
        {
            problems.Add(new Problem(ConditionProblemCodes.RangeInverted, $"The minimum '{Shorten(texts[0]!)}' is above the maximum '{Shorten(texts[1]!)}'.", path));
            return null;
        }

        return new BoundCondition { Source = condition, Field = field, Texts = texts!, Versions = versions };
    }
}
