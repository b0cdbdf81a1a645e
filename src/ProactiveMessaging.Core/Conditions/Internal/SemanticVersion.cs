namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// A version read as Semantic Versioning 2.0 (<c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>), with two
/// leniencies: a leading <c>v</c> or <c>V</c> is skipped, and a missing minor or patch number is 0
/// (<c>3.2</c> is <c>3.2.0</c>, <c>3</c> is <c>3.0.0</c>). It keeps the three numbers and where its
/// pre-release identifiers lie in the text it was read from, so reading and comparing allocate nothing.
/// </summary>
/// <remarks>
/// <para>
/// Precedence is the specification's: the numbers compare numerically; a version with pre-release
/// identifiers is below the same version without; identifiers compare left to right, numeric ones
/// numerically, others in ASCII order, numeric below alphanumeric, and a shorter list below a longer
/// one that it starts. Build metadata is checked for form and otherwise ignored, so
/// <c>1.0.0+a</c> and <c>1.0.0+b</c> are equal.
/// </para>
/// <para>
/// Numeric identifiers have no leading zeros, so a numeric pre-release identifier of any length
/// compares by its length, then its digits; the three numbers must fit in 64 bits.
/// </para>
/// </remarks>
internal readonly struct SemanticVersion
{
    private SemanticVersion(ulong major, ulong minor, ulong patch, int preReleaseStart, int preReleaseLength)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        PreReleaseStart = preReleaseStart;
        PreReleaseLength = preReleaseLength;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    /// <summary>Where the pre-release identifiers (after the <c>-</c>) start in the text read.</summary>
    public int PreReleaseStart { get; }

    /// <summary>The length of the pre-release identifiers; 0 for a release.</summary>
    public int PreReleaseLength { get; }

    /// <summary>The pre-release identifiers of this version, from the text it was read from.</summary>
    public ReadOnlySpan<char> PreRelease(ReadOnlySpan<char> text) => text.Slice(PreReleaseStart, PreReleaseLength);

    /// <summary>Reads a version; allocation-free.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SemanticVersion version) => Parse(text, out version) == VersionError.None;

    /// <summary>Reads a version, saying what is wrong when it is not one; allocation-free.</summary>
    public static VersionError Parse(ReadOnlySpan<char> text, out SemanticVersion version)
    {
        version = default;
        if (text.IsEmpty)
        {
            return VersionError.Empty;
        }

        var i = text[0] is 'v' or 'V' ? 1 : 0;
        ulong minor = 0, patch = 0;
        var error = ReadNumber(text, ref i, out var major);
        if (error == VersionError.None && i < text.Length && text[i] == '.')
        {
            i++;
            error = ReadNumber(text, ref i, out minor);
            if (error == VersionError.None && i < text.Length && text[i] == '.')
            {
                i++;
                error = ReadNumber(text, ref i, out patch);
            }
        }

        if (error != VersionError.None)
        {
            return error;
        }

        var preStart = i;
        var preLength = 0;
        if (i < text.Length && text[i] == '-')
        {
            preStart = ++i;
            error = SkipIdentifiers(text, ref i, numericWithoutLeadingZero: true);
            if (error != VersionError.None)
            {
                return error;
            }

            preLength = i - preStart;
        }

        if (i < text.Length && text[i] == '+')
        {
            i++;
            error = SkipIdentifiers(text, ref i, numericWithoutLeadingZero: false);
            if (error != VersionError.None)
            {
                return error;
            }
        }

        if (i != text.Length)
        {
            // A fourth number (1.2.3.4), a space, or any other character after the version.
            return VersionError.UnexpectedCharacter;
        }

        version = new SemanticVersion(major, minor, patch, preStart, preLength);
        return VersionError.None;
    }

    /// <summary>Compares two versions by precedence: negative, zero or positive. Allocation-free.</summary>
    /// <param name="left">A version.</param>
    /// <param name="leftText">The text <paramref name="left"/> was read from.</param>
    /// <param name="right">The other version.</param>
    /// <param name="rightText">The text <paramref name="right"/> was read from.</param>
    public static int Compare(in SemanticVersion left, ReadOnlySpan<char> leftText, in SemanticVersion right, ReadOnlySpan<char> rightText)
    {
        var order = CompareNumbers(in left, in right);
        return order != 0 || left.PreReleaseLength == 0 ? order : ComparePreRelease(left.PreRelease(leftText), right.PreRelease(rightText));
    }

    /// <summary>
    /// Compares the numbers, then a release with a pre-release; 0 when both are releases of the same
    /// numbers (equal) or both pre-releases of them (their identifiers decide). Needs no text.
    /// </summary>
    public static int CompareNumbers(in SemanticVersion left, in SemanticVersion right)
    {
        if (left.Major != right.Major)
        {
            return left.Major < right.Major ? -1 : 1;
        }

        if (left.Minor != right.Minor)
        {
            return left.Minor < right.Minor ? -1 : 1;
        }

        if (left.Patch != right.Patch)
        {
            return left.Patch < right.Patch ? -1 : 1;
        }

        // A release is above its pre-releases.
        return (left.PreReleaseLength == 0) == (right.PreReleaseLength == 0) ? 0 : left.PreReleaseLength == 0 ? 1 : -1;
    }

    /// <summary>Compares the pre-release identifiers of two pre-releases of the same numbers.</summary>
    public static int ComparePreRelease(in SemanticVersion left, ReadOnlySpan<char> leftText, in SemanticVersion right, ReadOnlySpan<char> rightText) =>
        ComparePreRelease(left.PreRelease(leftText), right.PreRelease(rightText));

    /// <summary>Compares two non-empty lists of dot-separated pre-release identifiers.</summary>
    private static int ComparePreRelease(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        while (true)
        {
            var leftEnd = left.IndexOf('.');
            var rightEnd = right.IndexOf('.');
            var a = leftEnd < 0 ? left : left[..leftEnd];
            var b = rightEnd < 0 ? right : right[..rightEnd];
            var order = CompareIdentifier(a, b);
            if (order != 0)
            {
                return order;
            }

            // Equal so far: the list with more identifiers is above.
            if (leftEnd < 0 || rightEnd < 0)
            {
                return leftEnd < 0 ? (rightEnd < 0 ? 0 : -1) : 1;
            }

            left = left[(leftEnd + 1)..];
            right = right[(rightEnd + 1)..];
        }
    }

    private static int CompareIdentifier(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var aNumeric = IsNumeric(a);
        var bNumeric = IsNumeric(b);
        if (aNumeric != bNumeric)
        {
            return aNumeric ? -1 : 1;
        }

        if (aNumeric && a.Length != b.Length)
        {
            // Without leading zeros, the longer number is the larger.
            return a.Length < b.Length ? -1 : 1;
        }

        // Digits of equal length, or ASCII identifiers: ordinal order is numeric order and ASCII order.
        return Math.Sign(a.SequenceCompareTo(b));
    }

    /// <summary>
    /// Whether an identifier is all digits. A plain loop: identifiers are a few characters, and
    /// <c>ContainsAnyExceptInRange</c> was measured allocating 96 bytes per call on a one-character span.
    /// </summary>
    private static bool IsNumeric(ReadOnlySpan<char> identifier)
    {
        foreach (var c in identifier)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static VersionError ReadNumber(ReadOnlySpan<char> text, ref int i, out ulong number)
    {
        number = 0;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            var digit = (ulong)(text[i] - '0');
            if (number > (ulong.MaxValue - digit) / 10)
            {
                return VersionError.NumberTooLarge;
            }

            number = (number * 10) + digit;
            i++;
        }

        if (i == start)
        {
            return VersionError.NumberExpected;
        }

        return text[start] == '0' && i - start > 1 ? VersionError.LeadingZero : VersionError.None;
    }

    /// <summary>Skips dot-separated identifiers of ASCII letters, digits and hyphens, each non-empty, up to a <c>+</c> or the end.</summary>
    private static VersionError SkipIdentifiers(ReadOnlySpan<char> text, ref int i, bool numericWithoutLeadingZero)
    {
        while (true)
        {
            var start = i;
            var numeric = true;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '-'))
            {
                numeric &= char.IsAsciiDigit(text[i]);
                i++;
            }

            if (i == start)
            {
                return VersionError.EmptyIdentifier;
            }

            if (numericWithoutLeadingZero && numeric && text[start] == '0' && i - start > 1)
            {
                return VersionError.LeadingZero;
            }

            if (i == text.Length || text[i] != '.')
            {
                return VersionError.None;
            }

            i++;
        }
    }
}
