namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The version checks of the compiled form: allocation-free comparisons by Semantic Versioning precedence.</summary>
internal static class VersionChecks
{
    /// <summary>The op code of a version operator; <see langword="null"/> for <c>isSet</c> / <c>isNotSet</c>, which read the presence flag alone.</summary>
    public static OpCode? OpCodeOf(ConditionOperator @operator) => @operator switch
    {
        ConditionOperator.EqualTo => OpCode.VersionEqualTo,
        ConditionOperator.NotEqualTo => OpCode.VersionNotEqualTo,
        ConditionOperator.GreaterThan => OpCode.VersionGreaterThan,
        ConditionOperator.AtLeast => OpCode.VersionAtLeast,
        ConditionOperator.LessThan => OpCode.VersionLessThan,
        ConditionOperator.AtMost => OpCode.VersionAtMost,
        ConditionOperator.Between => OpCode.VersionBetween,
        ConditionOperator.IsOneOf => OpCode.VersionIsOneOf,
        _ => null,
    };

    /// <summary>Whether a visitor's version passes a check; the caller has made sure the visitor has one.</summary>
    /// <param name="op">The check.</param>
    /// <param name="version">The visitor's version.</param>
    /// <param name="text">The text the visitor's version was read from (read only when the identifiers decide).</param>
    /// <param name="operands">The check's versions (a range: the minimum, then the maximum).</param>
    /// <param name="operandTexts">The texts the operands were read from, in the same order.</param>
    public static bool Holds(OpCode op, in SemanticVersion version, ReadOnlyMemory<char> text, SemanticVersion[] operands, string[] operandTexts)
    {
        if (op == OpCode.VersionIsOneOf)
        {
            for (var i = 0; i < operands.Length; i++)
            {
                if (Order(in version, text, in operands[i], operandTexts[i]) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        var order = Order(in version, text, in operands[0], operandTexts[0]);
        return op switch
        {
            OpCode.VersionEqualTo => order == 0,
            OpCode.VersionNotEqualTo => order != 0,
            OpCode.VersionGreaterThan => order > 0,
            OpCode.VersionAtLeast => order >= 0,
            OpCode.VersionLessThan => order < 0,
            OpCode.VersionAtMost => order <= 0,
            OpCode.VersionBetween => order >= 0 && Order(in version, text, in operands[1], operandTexts[1]) <= 0,
            _ => false,
        };
    }

    /// <summary>
    /// <see cref="SemanticVersion.Compare"/>, reading the visitor's text only when both versions are
    /// pre-releases of the same numbers: getting a span from memory costs more than comparing the numbers.
    /// </summary>
    private static int Order(in SemanticVersion version, ReadOnlyMemory<char> text, in SemanticVersion operand, string operandText)
    {
        var order = SemanticVersion.CompareNumbers(in version, in operand);
        return order != 0 || version.PreReleaseLength == 0 ? order : SemanticVersion.ComparePreRelease(in version, text.Span, in operand, operandText);
    }
}
