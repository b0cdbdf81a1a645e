namespace ProactiveMessaging.Runtime;

/// <summary>
/// The engine's answer to a visitor event: a message to show with its text in the visitor's
/// language, or why nothing is shown.
/// </summary>
/// <remarks>A value type: deciding allocates nothing. Immutable.</remarks>
public readonly struct Decision : IEquatable<Decision>
{
    private Decision(DecisionOutcome outcome, ShownMessage? message, string? text, string? followUpText, Problem? problem)
    {
        Outcome = outcome;
        Message = message;
        Text = text;
        FollowUpText = followUpText;
        Problem = problem;
    }

    /// <summary>Gets what was decided.</summary>
    public DecisionOutcome Outcome { get; }

    /// <summary>Gets a value indicating whether a message is to be shown.</summary>
    public bool ShouldShow => Outcome == DecisionOutcome.Show;

    /// <summary>Gets the message to show, when <see cref="ShouldShow"/>.</summary>
    public ShownMessage? Message { get; }

    /// <summary>Gets the launcher text in the visitor's language (with fallback to the default), when <see cref="ShouldShow"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets the follow-up text in the visitor's language, for an agent reply that has one.</summary>
    public string? FollowUpText { get; }

    /// <summary>Gets what is wrong with the event, when <see cref="Outcome"/> is <see cref="DecisionOutcome.InvalidEvent"/>.</summary>
    public Problem? Problem { get; }

    /// <summary>Tests two decisions for equality.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(Decision left, Decision right) => left.Equals(right);

    /// <summary>Tests two decisions for inequality.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(Decision left, Decision right) => !left.Equals(right);

    internal static Decision Nothing(DecisionOutcome outcome) => new(outcome, null, null, null, null);

    internal static Decision Invalid(Problem problem) => new(DecisionOutcome.InvalidEvent, null, null, null, problem);

    internal static Decision Show(ShownMessage message, string text, string? followUpText) => new(DecisionOutcome.Show, message, text, followUpText, null);

    /// <inheritdoc/>
    public bool Equals(Decision other) =>
        Outcome == other.Outcome && ReferenceEquals(Message, other.Message) && Text == other.Text
        && FollowUpText == other.FollowUpText && Equals(Problem, other.Problem);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Decision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Outcome, Message, Text);

    /// <inheritdoc/>
    public override string ToString() => ShouldShow ? $"Show {Message!.MessageId}: \"{Text}\"" : $"Nothing: {Outcome}";
}
