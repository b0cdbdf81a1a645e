namespace ProactiveMessaging;

/// <summary>The base type of every exception this library throws on purpose.</summary>
/// <remarks>
/// Problems found in input are normally returned as values (<see cref="ValidationResult{T}"/>);
/// an exception derived from this type is thrown only by APIs that document it.
/// </remarks>
public abstract class ProactiveMessagingException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    protected ProactiveMessagingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected ProactiveMessagingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
