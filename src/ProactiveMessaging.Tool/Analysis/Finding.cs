using System.Collections.Immutable;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>How much a finding matters; ordered so that a larger value is more severe.</summary>
internal enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong yet.</summary>
    Info = 0,

    /// <summary>Probably a mistake, or a mistake in a part of a message.</summary>
    Warning = 1,

    /// <summary>A message that cannot work as written.</summary>
    Error = 2,
}

/// <summary>One thing a reviewer wants to know about a catalog: a code, a severity, the message, and the JSON paths involved.</summary>
internal sealed record Finding(string Code, FindingSeverity Severity, string MessageId, string Text, ImmutableArray<string> Paths);
