using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>
/// Publish requirements (<see cref="PublishRequirements.CheckRequirements"/>) a message with a channel
/// does not meet against the snapshot: an error for a Live message, a warning otherwise (it could not
/// be published or resumed). A missing schedule for the timing is the timing finding's, not repeated here.
/// </summary>
internal static class RequirementAnalyzer
{
    public static IEnumerable<Finding> Analyse(ProactiveMessage message, string path, WorkspaceSnapshot snapshot)
    {
        if (message.ChannelId is null)
        {
            yield break;
        }

        foreach (var problem in PublishRequirements.CheckRequirements(message.Definition, snapshot))
        {
            if (problem.Code == RequirementProblemCodes.ScheduleMissing)
            {
                continue;
            }

            // Requirement paths are relative to the message ($.channelId) or the workspace ($.workspace...).
            var problemPath = problem.Path.StartsWith("$.workspace", StringComparison.Ordinal) ? problem.Path : path + problem.Path[1..];
            yield return new Finding(
                FindingCodes.RequirementUnmet,
                message.Status == MessageStatus.Live ? FindingSeverity.Error : FindingSeverity.Warning,
                message.Id,
                $"{problem.Code}: {problem.Message}",
                [problemPath]);
        }
    }
}
