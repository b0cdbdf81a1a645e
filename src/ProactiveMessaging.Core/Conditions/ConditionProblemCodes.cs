namespace ProactiveMessaging.Conditions;

/// <summary>The stable codes of the problems that condition validation reports.</summary>
public static class ConditionProblemCodes
{
    /// <summary>A group has no items.</summary>
    public const string GroupEmpty = "conditions.group.empty";

    /// <summary>A message with two or fewer conditions nests a group.</summary>
    public const string NestingNotAllowed = "conditions.nesting.notAllowed";

    /// <summary>Groups are nested deeper than the bound.</summary>
    public const string TooDeep = "conditions.tooDeep";

    /// <summary>The message has more conditions than the bound.</summary>
    public const string TooMany = "conditions.tooMany";
}
