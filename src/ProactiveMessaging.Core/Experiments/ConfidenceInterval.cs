namespace ProactiveMessaging.Experiments;

/// <summary>
/// A two-sided confidence interval, both ends included: the values of a rate, or of a difference
/// between rates, that the counts do not rule out at the interval's level (95 % in
/// <see cref="ExperimentResults"/>).
/// </summary>
/// <param name="Lower">The lower end.</param>
/// <param name="Upper">The upper end, never below <paramref name="Lower"/>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Gets the interval's width: <see cref="Upper"/> minus <see cref="Lower"/>.</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether a value lies in the interval, ends included.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is between <see cref="Lower"/> and <see cref="Upper"/>.</returns>
    public bool Contains(double value) => Lower <= value && value <= Upper;
}
