using System.Globalization;

namespace ProactiveMessaging.Frequency;

/// <summary>
/// Thrown by <see cref="VisitorFrequencyState.FromBytes"/> when the bytes are not a visitor's
/// frequency state that this library reads: truncated, corrupted, or written by a newer version.
/// </summary>
/// <remarks>The message names what is wrong and where; <see cref="Offset"/> gives the byte.</remarks>
public sealed class FrequencyStateFormatException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="offset">The offset, in bytes from the start, of the value in error.</param>
    public FrequencyStateFormatException(string problem, int offset)
        : base(string.Create(CultureInfo.InvariantCulture, $"Not a visitor frequency state: {problem} (at byte {offset})."))
    {
        Offset = offset;
    }

    /// <summary>Gets the offset, in bytes from the start, of the value in error.</summary>
    public int Offset { get; }
}
