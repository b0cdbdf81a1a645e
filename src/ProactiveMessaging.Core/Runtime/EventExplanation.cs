using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// The answer of <see cref="ProactiveEngine.ExplainAsync"/>: the decision the engine would make for
/// an event now, and, per Live message of the channel in priority order, why it would or would not
/// be shown. Explaining changes nothing.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EventExplanation
{
    internal EventExplanation(Decision decision, ImmutableArray<MessageExplanation> messages, Instant at, string? storeFailure)
    {
        Decision = decision;
        Messages = messages;
        At = at;
        StoreFailure = storeFailure;
    }

    /// <summary>Gets the decision <see cref="ProactiveEngine.DecideAsync"/> would make now (nothing was recorded for it).</summary>
    public Decision Decision { get; }

    /// <summary>Gets the decision's outcome.</summary>
    public DecisionOutcome Outcome => Decision.Outcome;

    /// <summary>Gets what is wrong with the event, when <see cref="Outcome"/> is <see cref="DecisionOutcome.InvalidEvent"/>.</summary>
    public Problem? Problem => Decision.Problem;

    /// <summary>
    /// Gets every Live message of the channel in the order the engine offers them (priority, then
    /// the most recently published, then the id); empty when the event is invalid, the workspace or
    /// channel unknown, or the channel has no Live message.
    /// </summary>
    public ImmutableArray<MessageExplanation> Messages { get; }

    /// <summary>Gets the engine's clock reading the explanation was made at.</summary>
    public Instant At { get; }

    /// <summary>Gets why the frequency store could not answer (a time-out or the exception it threw), or <see langword="null"/> when it answered.</summary>
    public string? StoreFailure { get; }

    /// <summary>Returns the decision, then each message's verdicts and condition trace.</summary>
    /// <returns>The explanation as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Decision.ToString()).Append(" (at ").Append(At.ToString("g", CultureInfo.InvariantCulture)).Append(')').AppendLine();
        if (Problem is { } problem)
        {
            text.Append("  ").Append(problem).AppendLine();
        }

        if (StoreFailure is { } failure)
        {
            text.Append("  frequency store: ").Append(failure).AppendLine();
        }

        for (var i = 0; i < Messages.Length; i++)
        {
            text.Append(i + 1).Append(". ");
            Messages[i].AppendTo(text, indent: string.Empty);
        }

        return text.ToString();
    }
}
