using System.Globalization;

namespace ProactiveMessaging.Experiments;

/// <summary>
/// One arm of a message's experiment: a variant, the single treatment of a message without
/// variants, or the control group; its visitors, what they did, its conversion rate with a 95 %
/// interval, and how it compares with the control.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ArmResult
{
    internal ArmResult(
        string armId,
        long visitors,
        long opened,
        long replied,
        long converted,
        double? conversionRate,
        ConfidenceInterval? rateInterval,
        ArmComparison? versusControl)
    {
        ArmId = armId;
        Visitors = visitors;
        Opened = opened;
        Replied = replied;
        Converted = converted;
        ConversionRate = conversionRate;
        RateInterval = rateInterval;
        VersusControl = versusControl;
    }

    /// <summary>Gets the arm's id: a variant id, <see cref="ExperimentArms.Treatment"/> or <see cref="ExperimentArms.Control"/>.</summary>
    public string ArmId { get; }

    /// <summary>Gets the variant's id for a variant's arm; <see langword="null"/> for the treatment and the control.</summary>
    public string? VariantId => IsControl || string.Equals(ArmId, ExperimentArms.Treatment, StringComparison.Ordinal) ? null : ArmId;

    /// <summary>Gets a value indicating whether this is the control group (the visitors held out).</summary>
    public bool IsControl => string.Equals(ArmId, ExperimentArms.Control, StringComparison.Ordinal);

    /// <summary>Gets the visitors counted in the arm: sent the message in this arm, or held out for the control.</summary>
    public long Visitors { get; }

    /// <summary>Gets the arm's visitors who opened the message (0 for the control, shown nothing).</summary>
    public long Opened { get; }

    /// <summary>Gets the arm's visitors who replied (0 for the control, shown nothing).</summary>
    public long Replied { get; }

    /// <summary>Gets the arm's visitors who reached the goal within its window after their latest exposure.</summary>
    public long Converted { get; }

    /// <summary>
    /// Gets <see cref="Converted"/> divided by <see cref="Visitors"/> (0.05 for 5 %), or
    /// <see langword="null"/> when the message has no goal or the arm has no visitors yet.
    /// </summary>
    public double? ConversionRate { get; }

    /// <summary>
    /// Gets the 95 % interval of <see cref="ConversionRate"/> (Wilson's score interval, within 0 to 1),
    /// or <see langword="null"/> when <see cref="ConversionRate"/> is.
    /// </summary>
    public ConfidenceInterval? RateInterval { get; }

    /// <summary>
    /// Gets how the arm compares with the control group; <see langword="null"/> for the control itself
    /// and when the message has no control group or no goal.
    /// </summary>
    public ArmComparison? VersusControl { get; }

    /// <inheritdoc/>
    public override string ToString() => ConversionRate is { } rate && RateInterval is { } interval
        ? string.Create(CultureInfo.InvariantCulture, $"{ArmId}: {Converted}/{Visitors} = {rate:0.0000} [{interval.Lower:0.0000}, {interval.Upper:0.0000}]")
        : string.Create(CultureInfo.InvariantCulture, $"{ArmId}: {Visitors} visitors");
}
