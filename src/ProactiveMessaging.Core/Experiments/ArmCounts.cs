namespace ProactiveMessaging.Experiments;

/// <summary>
/// The visitors counted in one arm of a message's experiment: each visitor counts once per arm for
/// each measure, however many times it happened.
/// </summary>
/// <param name="ArmId">The arm: a variant id, <see cref="ExperimentArms.Treatment"/> or <see cref="ExperimentArms.Control"/>.</param>
/// <param name="Visitors">Visitors sent the message in this arm (for the control: held out).</param>
/// <param name="Opened">Visitors of the arm who opened the message (always 0 for the control).</param>
/// <param name="Replied">Visitors of the arm who replied (always 0 for the control).</param>
/// <param name="Converted">Visitors of the arm who reached the goal within its window.</param>
public readonly record struct ArmCounts(string ArmId, long Visitors, long Opened, long Replied, long Converted);
