using NodaTime;

namespace ProactiveMessaging.Frequency;

/// <summary>A fatigue limit across all messages of a workspace: at most <see cref="Count"/> sends to one visitor within any <see cref="Period"/>.</summary>
/// <param name="Count">The largest number of sends allowed within the period; at least 1.</param>
/// <param name="Period">The length of the sliding window; positive.</param>
public readonly record struct FatigueWindow(int Count, Duration Period);
