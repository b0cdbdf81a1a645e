namespace ProactiveMessaging.Tool.Analysis;

/// <summary>The codes of the analysis findings (docs/tool.md lists each with its severity and meaning).</summary>
internal static class FindingCodes
{
    public const string NumericBoundsContradict = "conditions.never.bounds";
    public const string ValuesContradict = "conditions.never.values";
    public const string PrefixesContradict = "conditions.never.prefixes";
    public const string NotInList = "conditions.never.notInList";
    public const string PatternCannotMatch = "conditions.never.pattern";
    public const string Shadowed = "message.shadowed";
    public const string TimingNoSchedule = "timing.noSchedule";
    public const string TimingNeverOpen = "timing.never";
    public const string WindowEnded = "window.ended";
    public const string RequirementUnmet = "requirement.unmet";
}
