using System.Collections.Immutable;
using System.Globalization;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>
/// The checks of workspace settings that the catalog makes before storing them, so that an export
/// always reads back: schedule ids are distinct and the default schedule is one of them.
/// </summary>
internal static class SettingsCheck
{
    /// <summary>Adds the problems of <paramref name="settings"/>; <paramref name="path"/> is where the settings sit (<c>$</c> or <c>$.workspace</c>).</summary>
    public static void Check(WorkspaceSettings settings, string path, ImmutableArray<Problem>.Builder problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Schedules.Length; i++)
        {
            var id = settings.Schedules[i].Id;
            if (!seen.Add(id))
            {
                problems.Add(new Problem(
                    CatalogProblemCodes.ScheduleIdDuplicate,
                    $"The schedule id '{id}' is used by an earlier schedule.",
                    string.Create(CultureInfo.InvariantCulture, $"{path}.schedules[{i}].id")));
            }
        }

        if (settings.DefaultScheduleId is { } defaultSchedule && !seen.Contains(defaultSchedule))
        {
            problems.Add(new Problem(
                CatalogProblemCodes.DefaultScheduleUnknown,
                $"The default schedule '{defaultSchedule}' is not one of the workspace's schedules.",
                path + ".defaultScheduleId"));
        }
    }
}
