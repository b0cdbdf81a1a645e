using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace ProactiveMessaging;

/// <summary>
/// The outcome of an operation that checks its input: either a value, or the problems that
/// prevented it. Problems may also accompany a value when they did not prevent it: the
/// <see cref="ProblemKind.Incomplete"/> problems of a Draft, or the messages a lenient catalog read
/// left out.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ValidationResult<T>
    where T : class
{
    private ValidationResult(T? value, ImmutableArray<Problem> problems)
    {
        Value = value;
        Problems = problems.IsDefault ? [] : problems;
    }

    /// <summary>Gets the value, or <see langword="null"/> when the operation failed.</summary>
    public T? Value { get; }

    /// <summary>Gets every problem found, in the order they were found.</summary>
    public ImmutableArray<Problem> Problems { get; }

    /// <summary>Gets a value indicating whether the operation produced a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    /// <summary>Creates a successful result, optionally with problems that did not prevent it.</summary>
    /// <param name="value">The value.</param>
    /// <param name="problems">Problems that did not prevent the value, such as incompleteness of a Draft.</param>
    /// <returns>The result.</returns>
    internal static ValidationResult<T> Success(T value, ImmutableArray<Problem> problems = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ValidationResult<T>(value, problems);
    }

    /// <summary>Creates a failed result.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <returns>The result.</returns>
    internal static ValidationResult<T> Failure(ImmutableArray<Problem> problems)
    {
        if (problems.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A failed result needs at least one problem.", nameof(problems));
        }

        return new ValidationResult<T>(null, problems);
    }

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value, when this method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when there is a value.</returns>
    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = Value;
        return value is not null;
    }

    /// <summary>Returns the value, or throws <see cref="InvalidInputException"/> listing every problem.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidInputException">The operation failed.</exception>
    public T GetValueOrThrow() => Value ?? throw new InvalidInputException(Problems);
}
