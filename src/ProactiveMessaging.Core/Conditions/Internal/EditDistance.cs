namespace ProactiveMessaging.Conditions.Internal;

/// <summary>Levenshtein distance, ignoring ASCII case, for "did you mean" suggestions (cold path).</summary>
internal static class EditDistance
{
    public static int Compute(string a, string b) => Compute(a, b, Math.Max(a.Length, b.Length));

    /// <summary>
    /// The distance when it is at most <paramref name="limit"/>; otherwise <paramref name="limit"/> + 1.
    /// Hostile input can name thousands of unknown fields, each compared with every known one, so
    /// the work is bounded by the limit: a pair whose lengths alone differ by more is not compared,
    /// only the cells within <paramref name="limit"/> of the diagonal are computed (Ukkonen's band),
    /// and a comparison stops at the first row whose every cell is past the limit.
    /// </summary>
    public static int Compute(string a, string b, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var past = limit + 1;
        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 2] : new int[b.Length + 2];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 2] : new int[b.Length + 2];
        for (var j = 0; j <= b.Length + 1; j++)
        {
            previous[j] = Math.Min(j, past);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(1, i - limit);
            var high = Math.Min(b.Length, i + limit);
            current[low - 1] = low == 1 ? Math.Min(i, past) : past;
            var rowMinimum = current[low - 1];
            for (var j = low; j <= high; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var cell = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.Min(cell, past);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            // The cell right of the band is outside it: past the limit for the next row.
            current[high + 1] = past;

            // Distances never shrink from one row to the next: past the limit, they stay past it.
            if (rowMinimum > limit)
            {
                return past;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
