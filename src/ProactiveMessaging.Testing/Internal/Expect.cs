using System.Collections;
using System.Globalization;

namespace ProactiveMessaging.Testing.Internal;

/// <summary>
/// The checks that contract cases make. Each failure says what was checked, what was expected
/// and what the store gave, as text a reader of a test log understands without the code.
/// </summary>
/// <remarks>No test framework's asserts: the package runs under any of them.</remarks>
internal static class Expect
{
    internal static void Equal<T>(T expected, T actual, string check)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CheckFailedException(check, Format(expected), Format(actual));
        }
    }

    /// <summary>Checks that two sequences hold equal items in the same order.</summary>
    internal static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string check)
    {
        ArgumentNullException.ThrowIfNull(expected);
        T[] wanted = [.. expected];
        T[] got = actual is null ? [] : [.. actual];
        if (actual is null || !wanted.AsSpan().SequenceEqual(got, EqualityComparer<T>.Default))
        {
            throw new CheckFailedException(check, Format(wanted), actual is null ? "null" : Format(got));
        }
    }

    internal static void True(bool condition, string check, string expected = "true", string actual = "false")
    {
        if (!condition)
        {
            throw new CheckFailedException(check, expected, actual);
        }
    }

    /// <summary>Checks that the call throws exactly <typeparamref name="TException"/> and returns it.</summary>
    internal static Task<TException> Throws<TException>(Func<ValueTask> call, string check)
        where TException : Exception =>
        ThrowsCore<TException>(call, check, exactType: true);

    /// <summary>Checks that the call throws <typeparamref name="TException"/> or a type derived from it.</summary>
    internal static Task<TException> ThrowsAny<TException>(Func<ValueTask> call, string check)
        where TException : Exception =>
        ThrowsCore<TException>(call, check, exactType: false);

    internal static string Format(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static async Task<TException> ThrowsCore<TException>(Func<ValueTask> call, string check, bool exactType)
        where TException : Exception
    {
        var wanted = exactType ? typeof(TException).Name : typeof(TException).Name + " (or a type derived from it)";
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exactType ? exception.GetType() == typeof(TException) : exception is TException)
        {
            return (TException)exception;
        }
        catch (Exception exception) when (exception is not CheckFailedException)
        {
            throw new CheckFailedException(check, wanted, $"{exception.GetType().Name}: {exception.Message}", exception);
        }

        throw new CheckFailedException(check, wanted, "no exception");
    }
}
