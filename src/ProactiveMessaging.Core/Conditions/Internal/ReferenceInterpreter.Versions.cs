using System.Numerics;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Versions in the reference interpreter: the precedence rules of Semantic Versioning 2.0 written
/// plainly (split on the separators, numbers as big integers), apart from <see cref="SemanticVersion"/>,
/// so that the tests hold the compiled form's comparison to a second reading of the rules.
/// </summary>
internal sealed partial class ReferenceInterpreter
{
    /// <summary>Compares two valid versions, written as the specification reads.</summary>
    public static int CompareVersions(string left, string right)
    {
        var (leftCore, leftPre) = Split(left);
        var (rightCore, rightPre) = Split(right);
        for (var i = 0; i < 3; i++)
        {
            var order = leftCore[i].CompareTo(rightCore[i]);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        if (leftPre is null || rightPre is null)
        {
            // A release is above its pre-releases.
            return leftPre is null ? (rightPre is null ? 0 : 1) : -1;
        }

        for (var i = 0; i < Math.Min(leftPre.Length, rightPre.Length); i++)
        {
            var a = leftPre[i];
            var b = rightPre[i];
            var aNumeric = a.All(char.IsAsciiDigit);
            var bNumeric = b.All(char.IsAsciiDigit);
            var order = (aNumeric, bNumeric) switch
            {
                (true, true) => BigInteger.Parse(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b, System.Globalization.CultureInfo.InvariantCulture)),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a, b),
            };
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return leftPre.Length.CompareTo(rightPre.Length);
    }

    /// <summary>The three numbers (a missing one is 0) and the pre-release identifiers (null for a release) of a valid version.</summary>
    private static (BigInteger[] Core, string[]? PreRelease) Split(string version)
    {
        if (version.StartsWith('v') || version.StartsWith('V'))
        {
            version = version[1..];
        }

        version = version.Split('+')[0];
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var core = dash < 0 ? version : version[..dash];
        var numbers = core.Split('.').Select(n => BigInteger.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        while (numbers.Count < 3)
        {
            numbers.Add(BigInteger.Zero);
        }

        return ([.. numbers], dash < 0 ? null : version[(dash + 1)..].Split('.'));
    }

    private static bool EvaluateVersion(FieldDefinition field, ConditionOperator op, ConditionValue value, VisitorContext visitor, out string? actual)
    {
        // The visitor context keeps a version only when it reads as one.
        var version = visitor.Present[field.Slot] ? visitor.Texts[field.Slot].ToString() : null;
        actual = version;
        if (op is ConditionOperator.IsSet or ConditionOperator.IsNotSet)
        {
            return (version is not null) == (op == ConditionOperator.IsSet);
        }

        if (version is null)
        {
            return false;
        }

        return op switch
        {
            ConditionOperator.EqualTo => CompareVersions(version, value.Text) == 0,
            ConditionOperator.NotEqualTo => CompareVersions(version, value.Text) != 0,
            ConditionOperator.GreaterThan => CompareVersions(version, value.Text) > 0,
            ConditionOperator.AtLeast => CompareVersions(version, value.Text) >= 0,
            ConditionOperator.LessThan => CompareVersions(version, value.Text) < 0,
            ConditionOperator.AtMost => CompareVersions(version, value.Text) <= 0,
            ConditionOperator.Between => CompareVersions(version, value.Min.Text) >= 0 && CompareVersions(version, value.Max.Text) <= 0,
            ConditionOperator.IsOneOf => value.Items.Any(item => CompareVersions(version, item.Text) == 0),
            _ => false,
        };
    }
}
