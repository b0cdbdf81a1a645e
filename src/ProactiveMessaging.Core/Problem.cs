namespace ProactiveMessaging;

/// <summary>
/// One thing wrong with an input: a stable machine-readable <see cref="Code"/>, a human
/// <see cref="Message"/>, and the <see cref="Path"/> of what is wrong.
/// </summary>
/// <remarks>
/// Problems are values, not exceptions: validation, JSON reading, publish requirements and
/// schedule checks return every problem they find at once. Instances are immutable and
/// thread-safe.
/// </remarks>
public sealed record Problem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="code">A stable code such as <c>reply.text.emoji</c>; see the <c>*ProblemCodes</c> classes.</param>
    /// <param name="message">A sentence for a person, naming what is wrong and how to fix it.</param>
    /// <param name="path">Where the problem is: a JSON path such as <c>$.reply.text</c>, a condition path, or a line reference.</param>
    /// <param name="kind">Whether the problem refuses saving, only blocks publishing, or is an unmet requirement.</param>
    public Problem(string code, string message, string path, ProblemKind kind = ProblemKind.Malformed)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(message);
        ArgumentNullException.ThrowIfNull(path);
        Code = code;
        Message = message;
        Path = path;
        Kind = kind;
    }

    /// <summary>Gets the stable code of the problem, such as <c>name.required</c>.</summary>
    public string Code { get; }

    /// <summary>Gets a human-readable description of the problem.</summary>
    public string Message { get; }

    /// <summary>Gets the location of the problem, for example <c>$.rules.tags[3]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets what the problem blocks.</summary>
    public ProblemKind Kind { get; }

    /// <summary>Returns the same problem located at another path.</summary>
    internal Problem WithPath(string path) => new(Code, Message, path, Kind);

    /// <summary>Returns <c>path: message (code)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"{Path}: {Message} ({Code})";
}
