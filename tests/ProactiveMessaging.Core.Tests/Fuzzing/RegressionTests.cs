using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Every hostile input found so far, one file each in <c>Fuzzing/Regressions/</c>, goes through
/// every JSON reader without an exception and within the bound. The files hold the inputs of the
/// issue's hostile-input list that reach the readers (lone surrogate escapes in each position, a
/// recurring holiday in year 9999, a holiday range to 9999-12-31) and whatever the fuzz test finds.
/// </summary>
public sealed class RegressionTests
{
    internal static readonly string RegressionsDirectory = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Regressions");

    public static TheoryData<string> Cases() =>
        [.. Files()];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Regression_ReadsAsProblemsWithinTheBound(string file)
    {
        var outcome = await JsonReaders.RunAsync(File.ReadAllBytes(Path.Combine(RegressionsDirectory, file)), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Failure);
    }

    [Theory]
    [InlineData("lone-surrogate-property-name.json", "$['\\uD800']")]
    [InlineData("lone-surrogate-variant-language.json", "$.reply.text.variants['pt-\\uDC00']")]
    [InlineData("lone-surrogate-condition-value.json", "$.rules.conditions.all[0].value")]
    [InlineData("lone-surrogate-list-item.json", "$.rules.conditions.all[0].value[1]")]
    [InlineData("lone-surrogate-range-bound.json", "$.rules.conditions.all[1].value.min")]
    [InlineData("lone-surrogate-string-property.json", "$.name")]
    public void LoneSurrogateRegression_IsAnInvalidStringAtItsPath(string file, string path) =>
        ProblemAssert.Single(
            MessageJson.ReadMessage(File.ReadAllBytes(Path.Combine(RegressionsDirectory, file))).Problems,
            JsonProblemCodes.InvalidString,
            ProblemKind.Malformed,
            path);

    [Fact]
    public void HolidayRangeToTheLastDay_IsRead()
    {
        var result = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(RegressionsDirectory, "holiday-range-to-9999-12-31.json")));

        // Reading it is cheap; what the range costs when a schedule is evaluated is the scheduling side's.
        Assert.True(result.Succeeded || !result.Problems.IsEmpty);
    }

    [Fact]
    public void Regressions_AreThereAndNamed()
    {
        var files = Files();

        Assert.Contains("holiday-recurring-year-9999.json", files);
        Assert.Contains("holiday-range-to-9999-12-31.json", files);
        Assert.True(files.Count(f => f.StartsWith("lone-surrogate-", StringComparison.Ordinal)) >= 6);
    }

    private static List<string> Files() =>
        [.. Directory.GetFiles(RegressionsDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
