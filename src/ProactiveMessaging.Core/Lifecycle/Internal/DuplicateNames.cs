using System.Globalization;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>
/// Names a duplicate: "Copy of X", then "Copy of X (2)", "Copy of X (3)"..., the first not used in
/// the workspace (ignoring case), shortening X when the name would exceed the validator's bound.
/// </summary>
internal static class DuplicateNames
{
    private const string Prefix = "Copy of ";

    public static string Next(string sourceName, IEnumerable<string> existingNames, MessageValidator validator)
    {
        var taken = new HashSet<string>(existingNames, StringComparer.OrdinalIgnoreCase);
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({n})");
            var candidate = Fit(sourceName, suffix, validator);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Fit(string source, string suffix, MessageValidator validator)
    {
        var whole = Compose(source, source.Length, suffix);
        if (!IsTooLong(whole, validator))
        {
            return whole;
        }

        // The validator owns the bound; find the longest prefix of the source that fits (fitting is monotone in length).
        int low = 0, high = source.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (IsTooLong(Compose(source, middle, suffix), validator))
            {
                high = middle - 1;
            }
            else
            {
                low = middle;
            }
        }

        return Compose(source, low, suffix);
    }

    private static string Compose(string source, int length, string suffix)
    {
        // Never cut a surrogate pair in half.
        if (length > 0 && length < source.Length && char.IsHighSurrogate(source[length - 1]))
        {
            length--;
        }

        return string.Concat(Prefix, source.AsSpan(0, length).TrimEnd(), suffix);
    }

    private static bool IsTooLong(string name, MessageValidator validator)
    {
        foreach (var problem in validator.Validate(new MessageDefinition { Name = name }).Problems)
        {
            if (problem.Code == ModelProblemCodes.NameTooLong)
            {
                return true;
            }
        }

        return false;
    }
}
