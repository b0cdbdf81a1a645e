namespace ProactiveMessaging.Tool;

/// <summary>The exit codes of every command.</summary>
internal static class ToolExitCodes
{
    /// <summary>The command ran and found nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found problems (invalid messages, findings at or above the severity asked for).</summary>
    public const int Problems = 1;

    /// <summary>The input could not be used: a missing or unreadable file, malformed JSON, a bad option.</summary>
    public const int UnusableInput = 2;
}
