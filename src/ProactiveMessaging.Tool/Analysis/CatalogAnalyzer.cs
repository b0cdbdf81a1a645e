using System.Globalization;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>Runs every analysis over a catalog; findings in message order, then by kind.</summary>
internal static class CatalogAnalyzer
{
    public static List<Finding> Analyse(CatalogDocument catalog, WorkspaceSnapshot snapshot, NodaTime.Instant at)
    {
        var messages = catalog.Messages;
        string PathOf(int index) => string.Create(CultureInfo.InvariantCulture, $"$.messages[{index}]");
        var findings = new List<Finding>();
        for (var i = 0; i < messages.Length; i++)
        {
            var message = messages[i];
            var path = PathOf(i);
            findings.AddRange(ConditionAnalyzer.Analyse(message, path));
            findings.AddRange(ScheduleAnalyzer.Timing(message, path, snapshot));
            findings.AddRange(ScheduleAnalyzer.Window(message, path, snapshot, at));
            findings.AddRange(RequirementAnalyzer.Analyse(message, path, snapshot));
        }

        findings.AddRange(ShadowAnalyzer.Analyse(messages, PathOf));
        return findings;
    }
}
