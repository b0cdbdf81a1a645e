namespace ProactiveMessaging.Tool;

/// <summary>
/// Input the tool cannot use, with a message that names the file and, where known, the line:
/// reported as one line on the error output with exit code <see cref="ToolExitCodes.UnusableInput"/>,
/// never as a stack trace.
/// </summary>
internal sealed class ToolInputException : Exception
{
    public ToolInputException(string message)
        : base(message)
    {
    }

    public ToolInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToolInputException()
    {
    }
}
