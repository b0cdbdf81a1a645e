using System.Collections.Frozen;
using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>Finds the tzdb id closest to an unknown time zone id, for the message of the problem.</summary>
internal static class TimeZoneSuggester
{
    private static readonly Lazy<FrozenDictionary<string, string>> ByNormalizedId = new(() =>
        DateTimeZoneProviders.Tzdb.Ids
            .GroupBy(Normalize, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, string>> ByCity = new(() =>
        DateTimeZoneProviders.Tzdb.Ids
            .Where(id => id.Contains('/', StringComparison.Ordinal))
            .GroupBy(id => Normalize(id[(id.LastIndexOf('/') + 1)..]), StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal));

    /// <summary>Returns the tzdb id the caller most likely meant, or null when none is close.</summary>
    public static string? Suggest(string unknownId)
    {
        string normalized = Normalize(unknownId.Trim());
        if (normalized.Length == 0)
        {
            return null;
        }

        if (ByNormalizedId.Value.TryGetValue(normalized, out string? sameIgnoringCase))
        {
            return sameIgnoringCase;
        }

        if (ByCity.Value.TryGetValue(normalized, out string? city))
        {
            return city;
        }

        // An edit distance of about one in five characters catches typos without suggesting strangers.
        int allowed = Math.Max(1, Math.Min(3, normalized.Length / 5));
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (KeyValuePair<string, string> pair in ByNormalizedId.Value)
        {
            int distance = Distance(normalized, pair.Key, allowed);
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(pair.Value, best) < 0))
            {
                bestDistance = distance;
                best = pair.Value;
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    private static string Normalize(string id) => id.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The Levenshtein distance, or a value above <paramref name="limit"/> once it must exceed it.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
