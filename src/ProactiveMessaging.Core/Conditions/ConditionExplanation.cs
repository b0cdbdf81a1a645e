using System.Collections.Immutable;
using System.Text;

namespace ProactiveMessaging.Conditions;

/// <summary>For one visitor, which conditions held and which did not, by path: the answer to "why was this not shown?".</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConditionExplanation
{
    internal ConditionExplanation(bool result, ImmutableArray<ConditionOutcome> outcomes)
    {
        Result = result;
        Outcomes = outcomes;
    }

    /// <summary>Gets a value indicating whether the visitor met the conditions.</summary>
    public bool Result { get; }

    /// <summary>Gets the outcome of every group and condition, in document order (a group before its items).</summary>
    public ImmutableArray<ConditionOutcome> Outcomes { get; }

    /// <summary>Gets the outcomes of the conditions that did not hold.</summary>
    public IEnumerable<ConditionOutcome> Failed => Outcomes.Where(o => !o.Held && o.Node is Condition);

    /// <summary>Returns one line per outcome.</summary>
    /// <returns>The explanation as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Result ? "Met" : "Not met").AppendLine();
        foreach (var outcome in Outcomes)
        {
            text.Append("  ").Append(outcome).AppendLine();
        }

        return text.ToString();
    }
}
