using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// The pattern check that validation runs instead of building each pattern's automaton must answer
/// exactly as building it does: accept what the linear-time engine accepts, and refuse the rest with
/// the same code.
/// </summary>
public sealed class PatternCheckProperties
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Pieces that stand alone: literals, classes, anchors and escapes, backreferences among them.</summary>
    private static readonly string[] Atoms =
    [
        "a", "b", "/", "-", ".", "x", "0", " ", "#", "\n", "{", "}", "]", ",",
        "[a-z]", "[^/]", "[a-z-[aeiou]]", "[(?=]", "[\\1]", "\\d", "\\w", "\\s", "\\p{L}", "\\.", "\\\\", "\\(", "\\{",
        "^", "$", "\\b", "\\A", "\\z", "\\G",
        "\\1", "\\2", "\\10", "\\k<n>", "\\k'n'", "\\<n>", "\\'n'", "\\0", "\\x41", "\\u0041",
    ];

    /// <summary>Openings of groups, closed by ')': plain, named, options, comments, and every construct the engine refuses.</summary>
    private static readonly string[] Openings =
    [
        "(", "(?:", "(?<n>", "(?'n'", "(?<n2>", "(?i)", "(?x)", "(?-i:", "(?ix-s:", "(?#c", "(?#\\", "(?z)",
        "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?(", "(?(n)", "(?<n-m>", "(?<-n>", "(?'n-m'", "(?<m>", "( ?=", "(? =",
    ];

    private static readonly string[] Quantifiers =
    [
        "", "", "", "*", "+", "?", "*?", "+?", "{2}", "{1,3}", "{2,}", "{30}", "{100}", "{1000}", "{5000}", "{20000}", "{1,2,3}", "{,5}",
    ];

    [FsCheck.Xunit.Property(MaxTest = 1_500)]
    public Property Check_AnswersAsBuildingThePatternDoes() =>
        Prop.ForAll(Patterns().SelectMany(_ => Gen.Elements(true, false), (pattern, ignoreCase) => (pattern, ignoreCase)).ToArbitrary(), @case =>
        {
            var (pattern, ignoreCase) = @case;
            string? expected = null;
            try
            {
                _ = new Regex(pattern, PatternRules.Options(ignoreCase), Timeout);
            }
            catch (NotSupportedException)
            {
                expected = ConditionProblemCodes.PatternUnsupported;
            }
            catch (ArgumentException)
            {
                expected = ConditionProblemCodes.PatternInvalid;
            }

            var actual = PatternRules.Check(pattern, ignoreCase, Timeout)?.Code;
            return (actual == expected).Label($"{Show(pattern)}: check says {actual ?? "accepted"}, the engine {expected ?? "accepted"}");
        });

    [Theory]
    // Built only when they hold something the engine may refuse.
    [InlineData("^/products/[0-9]+$", false)]
    [InlineData("^/blog/\\d{4}/\\d{2}/[a-z-]+$", false)]
    [InlineData("(?<year>\\d{4})-(?'month'\\d{2})", false)]
    [InlineData("(?i)checkout|(?-i:PAY)", false)]
    [InlineData("foo(?=bar)", true)]
    [InlineData("(a)\\1", true)]
    [InlineData("\\Gstart", true)]
    [InlineData("[a-z]{1,5000}", true)]
    [InlineData("(?<n-m>x)", true)]
    public void MayBeRefusedByTheLinearEngine_FlagsOnlyRiskyPatterns(string pattern, bool risky) =>
        Assert.Equal(risky, PatternRules.MayBeRefusedByTheLinearEngine(pattern));

    private static Gen<string> Patterns() =>
        Gen.Frequency(
            (4, Sequence(3)),

            // Token soup, mostly invalid, with sequences cut anywhere.
            (1, Gen.Elements(Atoms.Concat(Openings).Concat([")", "|", "*", "{3}"]).ToArray()).ArrayOf().Resize(8).Select(string.Concat)));

    private static Gen<string> Sequence(int depth) =>
        Piece(depth).ArrayOf().Resize(5).Select(pieces => string.Join(string.Empty, pieces));

    private static Gen<string> Piece(int depth)
    {
        var atom = Gen.Elements(Atoms);
        var body = depth == 0
            ? atom
            : Gen.Frequency(
                (3, atom),
                (2, from opening in Gen.Elements(Openings)
                    from inner in Sequence(depth - 1)
                    from alternative in Gen.Frequency((3, Gen.Constant(string.Empty)), (1, Sequence(depth - 1).Select(text => "|" + text)))
                    select opening + inner + alternative + ")"));
        return from text in body
               from quantifier in Gen.Elements(Quantifiers)
               select text + quantifier;
    }

    private static string Show(string pattern) => pattern.Replace("\n", "\\n", StringComparison.Ordinal);
}
