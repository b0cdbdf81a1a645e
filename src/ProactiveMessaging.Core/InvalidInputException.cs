using System.Collections.Immutable;

namespace ProactiveMessaging;

/// <summary>Thrown by the throwing variants of validating APIs; carries every problem found.</summary>
public sealed class InvalidInputException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance with the problems found.</summary>
    /// <param name="problems">The problems; at least one.</param>
    public InvalidInputException(ImmutableArray<Problem> problems)
        : base(Describe(problems))
    {
        Problems = problems.IsDefault ? [] : problems;
    }

    /// <summary>Gets every problem found.</summary>
    public ImmutableArray<Problem> Problems { get; }

    private static string Describe(ImmutableArray<Problem> problems)
    {
        if (problems.IsDefaultOrEmpty)
        {
            return "The input is invalid.";
        }

        return problems.Length == 1
            ? $"The input is invalid: {problems[0]}"
            : $"The input has {problems.Length} problems, the first: {problems[0]}";
    }
}
