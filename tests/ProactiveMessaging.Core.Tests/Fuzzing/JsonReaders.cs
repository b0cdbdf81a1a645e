using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Feeds one input to every JSON reader (<c>ReadMessage</c> and <c>ReadCatalog</c> from bytes and
/// from a string, <c>ReadCatalogAsync</c> from a stream) and checks what "problems, not
/// exceptions" promises: no exception, a value or at least one located problem, a value that
/// writes and reads back equal, and all of it within a generous time bound.
/// </summary>
internal static class JsonReaders
{
    /// <summary>The most any one input may take through every reader; generous, as the machine may be busy.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>The outcome of one input: what went wrong (null when nothing did), whether it is a known open failure, how long it took.</summary>
    public readonly record struct Outcome(string? Failure, TimeSpan Elapsed);

    public static async Task<Outcome> RunAsync(byte[] input, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var failure = Check("ReadMessage(bytes)", MessageJson.ReadMessage(input), RoundTripMessage)
                ?? Check("ReadCatalog(bytes)", MessageJson.ReadCatalog(input), RoundTripCatalog);

            // Text decoding turns invalid UTF-8 into U+FFFD, so the string overloads see another input.
            var text = Encoding.UTF8.GetString(input);
            failure ??= Check("ReadMessage(string)", MessageJson.ReadMessage(text), RoundTripMessage)
                ?? Check("ReadCatalog(string)", MessageJson.ReadCatalog(text), RoundTripCatalog);

            using var stream = new MemoryStream(input, writable: false);
            failure ??= Check("ReadCatalogAsync", await MessageJson.ReadCatalogAsync(stream, cancellationToken: cancellationToken), RoundTripCatalog);

            stopwatch.Stop();
            if (failure is null && stopwatch.Elapsed > Bound)
            {
                failure = $"took {stopwatch.Elapsed.TotalSeconds:F1} s, more than the bound of {Bound.TotalSeconds:F0} s";
            }

            return new Outcome(failure, stopwatch.Elapsed);
        }
        catch (Exception exception)
        {
            return new Outcome($"threw {exception}", stopwatch.Elapsed);
        }
    }

    private static string? Check<T>(string reader, ValidationResult<T> result, Func<T, string?> roundTrip)
        where T : class
    {
        if (!result.Succeeded && result.Problems.IsEmpty)
        {
            return $"{reader} failed without a problem";
        }

        if (result.Problems.FirstOrDefault(p => string.IsNullOrEmpty(p.Code) || string.IsNullOrWhiteSpace(p.Message) || !p.Path.StartsWith('$')) is { } bad)
        {
            return $"{reader} reported a problem without a code, a message or a path: {bad}";
        }

        return result.Succeeded && roundTrip(result.Value) is { } roundTripFailure ? $"{reader}: {roundTripFailure}" : null;
    }

    private static string? RoundTripMessage(ProactiveMessaging.Model.ProactiveMessage message)
    {
        var again = MessageJson.ReadMessage(MessageJson.WriteMessageUtf8(message));
        return again.Succeeded && message.Equals(again.Value) ? null : $"what was read does not write and read back equal: {Describe(again.Problems)}";
    }

    private static string? RoundTripCatalog(CatalogDocument catalog)
    {
        var again = MessageJson.ReadCatalog(MessageJson.WriteCatalogUtf8(catalog));
        return again.Succeeded && catalog.Equals(again.Value) ? null : $"what was read does not write and read back equal: {Describe(again.Problems)}";
    }

    private static string Describe(ImmutableArray<Problem> problems) => problems.IsEmpty ? "no problem, another value" : string.Join(" | ", problems);
}
