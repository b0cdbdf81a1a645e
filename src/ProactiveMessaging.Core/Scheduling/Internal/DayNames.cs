using System.Collections.Immutable;
using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>
/// The names of the days of the week, as a schedule's JSON writes them and as the values of the
/// <c>visitor.localDayOfWeek</c> condition field: lowercase English, Monday first.
/// </summary>
internal static class DayNames
{
    /// <summary>Gets the names in ISO order: index <c>i</c> names <see cref="IsoDayOfWeek"/> <c>i + 1</c>.</summary>
    public static ImmutableArray<string> All { get; } = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Gets the name of a day.</summary>
    public static string NameOf(IsoDayOfWeek day) => All[(int)day - 1];

    /// <summary>Finds a day by its exact name.</summary>
    public static bool TryParse(string? name, out IsoDayOfWeek day)
    {
        int index = name is null ? -1 : All.IndexOf(name);
        day = index < 0 ? IsoDayOfWeek.None : (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }
}
