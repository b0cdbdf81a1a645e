using System.Globalization;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// Where a visitor falls in a message's experiment: its three positions (in percent, 0 to 99.99),
/// and what they decide: inside the rollout or not, held out or not, and the variant. Part of a
/// <see cref="MessageExplanation"/>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The visitor is inside the rollout when <see cref="RolloutPosition"/>
/// is below <see cref="RolloutPercent"/>, held out when <see cref="HoldoutPosition"/> is below
/// <see cref="HoldoutPercent"/>; docs/experiments.md explains the positions.
/// </remarks>
public sealed class ExperimentExplanation
{
    internal ExperimentExplanation(decimal rolloutPercent, decimal rolloutPosition, decimal holdoutPercent, decimal holdoutPosition, decimal variantPosition, string? variantId)
    {
        RolloutPercent = rolloutPercent;
        RolloutPosition = rolloutPosition;
        HoldoutPercent = holdoutPercent;
        HoldoutPosition = holdoutPosition;
        VariantPosition = variantPosition;
        VariantId = variantId;
    }

    /// <summary>Gets the message's rollout percentage.</summary>
    public decimal RolloutPercent { get; }

    /// <summary>Gets the visitor's rollout position, in percent.</summary>
    public decimal RolloutPosition { get; }

    /// <summary>Gets a value indicating whether the visitor is inside the rollout.</summary>
    public bool InRollout => RolloutPosition < RolloutPercent;

    /// <summary>Gets the message's holdout percentage.</summary>
    public decimal HoldoutPercent { get; }

    /// <summary>Gets the visitor's holdout position, in percent.</summary>
    public decimal HoldoutPosition { get; }

    /// <summary>Gets a value indicating whether the visitor is in the control group.</summary>
    public bool HeldOut => HoldoutPosition < HoldoutPercent;

    /// <summary>Gets the visitor's variant position, in percent.</summary>
    public decimal VariantPosition { get; }

    /// <summary>Gets the variant the visitor is shown when sent the message, or <see langword="null"/> for a message without variants.</summary>
    public string? VariantId { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rollout {RolloutPosition}% against {RolloutPercent}% ({(InRollout ? "in" : "left out")}), holdout {HoldoutPosition}% against {HoldoutPercent}% ({(HeldOut ? "held out" : "not held out")}){(VariantId is null ? string.Empty : $", variant '{VariantId}' at {VariantPosition}%")}");
}
