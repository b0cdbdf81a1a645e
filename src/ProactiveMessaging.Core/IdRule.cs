using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ProactiveMessaging;

/// <summary>
/// The one rule every id follows, wherever it enters the library: 1 to a bounded number of ASCII
/// letters, digits, <c>-</c>, <c>_</c>, <c>.</c> or <c>:</c>, compared ordinally.
/// </summary>
/// <remarks>
/// <para>
/// Ids that administrators and the host's configuration name (workspace, message, channel, bot,
/// bot answer, schedule) have at most <see cref="MaxLength"/> characters; ids that the host's
/// visitor traffic carries (visitor, visit, page view) have at most
/// <see cref="MaxVisitorIdLength"/>, room for a host's own composite or hashed visitor keys.
/// Anything else (spaces, punctuation, non-ASCII letters, an email address) is refused: map such
/// keys to an id first, for example with a hash in hexadecimal.
/// </para>
/// <para>
/// How a bad id is refused depends on where it enters (see docs/lifecycle.md): catalog methods and
/// stores throw <see cref="ArgumentException"/>, the JSON readers and catalog import report a problem
/// at the id's path, and the engine answers an event with an invalid-event outcome. Hosts check
/// input with <see cref="IsValid"/> and <see cref="IsValidVisitorId"/> before passing it on.
/// </para>
/// <para>Thread-safe: the class is stateless.</para>
/// </remarks>
public static class IdRule
{
    /// <summary>The most characters of a workspace, message, channel, bot, bot answer or schedule id: 64.</summary>
    public const int MaxLength = 64;

    /// <summary>The most characters of a visitor, visit or page view id: 256.</summary>
    public const int MaxVisitorIdLength = 256;

    /// <summary>The rule in words, for problem messages: "1 to 64 ASCII letters, digits, '-', '_', '.' or ':'".</summary>
    internal static readonly string Description = Describe(MaxLength);

    /// <summary>The rule for visitor, visit and page view ids in words.</summary>
    internal static readonly string VisitorIdDescription = Describe(MaxVisitorIdLength);

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    /// <summary>Tells whether a workspace, message, channel, bot, bot answer or schedule id follows the rule.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it has 1 to <see cref="MaxLength"/> allowed characters.</returns>
    public static bool IsValid([NotNullWhen(true)] string? id) => Follows(id, MaxLength);

    /// <summary>Tells whether a visitor, visit or page view id follows the rule.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when it has 1 to <see cref="MaxVisitorIdLength"/> allowed characters.</returns>
    public static bool IsValidVisitorId([NotNullWhen(true)] string? id) => Follows(id, MaxVisitorIdLength);

    /// <summary>Throws when a workspace, message, channel, bot, answer or schedule id breaks the rule.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> breaks the rule.</exception>
    internal static void ThrowIfInvalid([NotNull] string? id, [CallerArgumentExpression(nameof(id))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (!Follows(id, MaxLength))
        {
            throw new ArgumentException(Refusal(id, Description), paramName);
        }
    }

    /// <summary>Throws when a visitor, visit or page view id breaks the rule.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> breaks the rule.</exception>
    internal static void ThrowIfInvalidVisitorId([NotNull] string? id, [CallerArgumentExpression(nameof(id))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (!Follows(id, MaxVisitorIdLength))
        {
            throw new ArgumentException(Refusal(id, VisitorIdDescription), paramName);
        }
    }

    // Allocation-free and vectorised: the engine checks every event's ids on its hot path.
    private static bool Follows(string? id, int maxLength) =>
        id is not null && id.Length >= 1 && id.Length <= maxLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    private static string Describe(int maxLength) =>
        string.Create(CultureInfo.InvariantCulture, $"1 to {maxLength} ASCII letters, digits, '-', '_', '.' or ':'");

    private static string Refusal(string id, string rule) =>
        // The id itself is left out when long: it may be hostile input headed for a log.
        id.Length <= MaxLength
            ? $"The id '{id}' is not valid: an id is {rule}."
            : string.Create(CultureInfo.InvariantCulture, $"The id of {id.Length} characters is not valid: an id is {rule}.");
}
