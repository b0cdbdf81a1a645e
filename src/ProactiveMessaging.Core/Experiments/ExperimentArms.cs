namespace ProactiveMessaging.Experiments;

/// <summary>
/// The names of the arms a message's visitors are counted in besides its variants: an arm is a
/// variant's id, <see cref="Treatment"/> for a message without variants, or <see cref="Control"/>.
/// </summary>
public static class ExperimentArms
{
    /// <summary>The control group: the visitors held out.</summary>
    public const string Control = "control";

    /// <summary>The visitors sent a message that has no variants (its one text).</summary>
    public const string Treatment = "treatment";

    /// <summary>Whether an id is the name of an arm that is not a variant (<see cref="Control"/> or <see cref="Treatment"/>), which a variant may not take.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> for a reserved name.</returns>
    public static bool IsReserved(string? id) =>
        string.Equals(id, Control, StringComparison.Ordinal) || string.Equals(id, Treatment, StringComparison.Ordinal);
}
