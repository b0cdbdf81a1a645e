using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>The date operators on instant and date custom attributes, with both evaluators; their validation and explanations.</summary>
public sealed class DateOperatorTests
{
    private const string SignedUp = "custom.signedUpAt";
    private const string LastOrder = "custom.lastOrder";

    // The evaluation's instant in these tests: Tuesday 2026-03-10 at 15:00 UTC.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 15, 0);

    [Theory]
    [InlineData("before", "2026-03-01T00:00:00Z", "2026-02-28T23:59:59.999Z", true)]
    [InlineData("before", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", false)]
    [InlineData("before", "2026-03-01T01:00:00+01:00", "2026-02-28T23:59:59Z", true)]
    [InlineData("after", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00.001Z", true)]
    [InlineData("after", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", false)]
    [InlineData("after", "2026-03-01T09:00:00+09:00", "2026-03-01T00:00:00.001Z", true)]
    [InlineData("before", "2026-03-01T00:00:00Z", null, false)]
    [InlineData("after", "2026-03-01T00:00:00Z", null, false)]
    public void Instant_BeforeAndAfter_AreStrict(string op, string value, string? signedUp, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(SignedUp, Op(op), value, v => v.SetInstant(ConditionAssert.Slot(SignedUp), ReadInstant(signedUp))));
    }

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    [InlineData("2026-03-15", true)]
    [InlineData("2026-03-31", true)]
    [InlineData("2026-04-01", false)]
    public void Date_Between_IncludesBothDays(string lastOrder, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(LastOrder, ConditionOperator.Between, ConditionValue.FromRange("2026-03-01", "2026-03-31"), v => v.SetDate(ConditionAssert.Slot(LastOrder), ReadDate(lastOrder))));
    }

    [Theory]
    [InlineData("2026-02-28", "2026-03-01", true)]
    [InlineData("2026-03-01", "2026-03-01", false)]
    public void Date_Before_ComparesDays(string lastOrder, string value, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(LastOrder, ConditionOperator.Before, value, v => v.SetDate(ConditionAssert.Slot(LastOrder), ReadDate(lastOrder))));
        Assert.Equal(!expected && lastOrder != value, ConditionAssert.Evaluate(LastOrder, ConditionOperator.After, value, v => v.SetDate(ConditionAssert.Slot(LastOrder), ReadDate(lastOrder))));
    }

    [Theory]
    // Within the last 7 days of 2026-03-10T15:00Z: from 2026-03-03T15:00Z to now, both included.
    [InlineData("2026-03-03T15:00:00Z", true)]
    [InlineData("2026-03-03T14:59:59.999Z", false)]
    [InlineData("2026-03-10T15:00:00Z", true)]
    [InlineData("2026-03-10T15:00:00.001Z", false)]
    public void Instant_WithinLast_IsMeasuredFromNow(string signedUp, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(SignedUp, ConditionOperator.WithinLast, "P7D", v => SetUp(v, signedUp, null)));
    }

    [Theory]
    // More than 30 days ago: before 2026-02-08T15:00Z.
    [InlineData("2026-02-08T14:59:59.999Z", true)]
    [InlineData("2026-02-08T15:00:00Z", false)]
    [InlineData("2026-03-10T15:00:00Z", false)]
    public void Instant_MoreThanAgo_IsMeasuredFromNow(string signedUp, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(SignedUp, ConditionOperator.MoreThanAgo, "P30D", v => SetUp(v, signedUp, null)));
    }

    [Theory]
    // A date is compared with today's date in UTC (2026-03-10), whatever the time of day.
    [InlineData("2026-03-03", "withinLast", true)]
    [InlineData("2026-03-02", "withinLast", false)]
    [InlineData("2026-03-10", "withinLast", true)]
    [InlineData("2026-03-11", "withinLast", false)]
    [InlineData("2026-03-02", "moreThanAgo", true)]
    [InlineData("2026-03-03", "moreThanAgo", false)]
    public void Date_RelativeForms_CountDaysFromTodayInUtc(string lastOrder, string op, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(LastOrder, Op(op), "P7D", v => SetUp(v, null, lastOrder)));
    }

    [Fact]
    public void Date_RelativeForms_UseTheUtcDate_NotTheVisitorsZone()
    {
        // 23:30 UTC on 2026-03-10 is already 2026-03-11 in Tokyo, but today is still 2026-03-10 for a date condition.
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
        Assert.False(ConditionAssert.Evaluate(LastOrder, ConditionOperator.WithinLast, "P0D", v =>
        {
            v.SetLocalTime(Instant.FromUtc(2026, 3, 10, 23, 30), tokyo);
            v.SetDate(ConditionAssert.Slot(LastOrder), new LocalDate(2026, 3, 11));
        }));
    }

    [Fact]
    public void RelativeForms_WithoutAnInstant_AreFalse()
    {
        // Nothing set the evaluation's instant (no local time, no engine): neither form holds, nor does a negation of one.
        Assert.False(ConditionAssert.Evaluate(SignedUp, ConditionOperator.WithinLast, "P7D", v => v.SetInstant(ConditionAssert.Slot(SignedUp), Now)));
        Assert.False(ConditionAssert.Evaluate(SignedUp, ConditionOperator.MoreThanAgo, "P7D", v => v.SetInstant(ConditionAssert.Slot(SignedUp), Now)));
        Assert.False(ConditionAssert.Evaluate(LastOrder, ConditionOperator.WithinLast, "P7D", v => v.SetDate(ConditionAssert.Slot(LastOrder), new LocalDate(2026, 3, 10))));
    }

    [Fact]
    public void RelativeForms_MissingValue_AreFalse()
    {
        Assert.False(ConditionAssert.Evaluate(SignedUp, ConditionOperator.MoreThanAgo, "P7D", v => SetUp(v, null, null)));
        Assert.False(ConditionAssert.Evaluate(LastOrder, ConditionOperator.WithinLast, "P7D", v => SetUp(v, null, null)));
        Assert.True(ConditionAssert.Evaluate(LastOrder, ConditionOperator.IsNotSet, null, v => SetUp(v, null, null)));
    }

    [Fact]
    public void Reset_ForgetsTheInstant()
    {
        Assert.False(ConditionAssert.Evaluate(SignedUp, ConditionOperator.WithinLast, "P7D", v =>
        {
            SetUp(v, "2026-03-09T00:00:00Z", null);
            v.Reset();
            v.SetInstant(ConditionAssert.Slot(SignedUp), Instant.FromUtc(2026, 3, 9, 0, 0));
        }));
    }

    [Fact]
    public void Explain_ShowsTheValuesInIso8601_AndEachVerdict()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition(SignedUp, ConditionOperator.WithinLast, "P7D"),
            new Condition(LastOrder, ConditionOperator.After, "2026-03-01")));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        SetUp(visitor, "2026-01-15T08:00:00.25Z", "2026-03-02");

        var explanation = compiled.Explain(visitor);

        Assert.Equal(
            [("$.rules.conditions", true, null), ("$.rules.conditions.any[0]", false, "2026-01-15T08:00:00.25Z"), ("$.rules.conditions.any[1]", true, "2026-03-02")],
            explanation.Outcomes.Select(o => (o.Path, o.Held, o.Actual)));
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition(SignedUp, ConditionOperator.MoreThanAgo, "P30D"),
            new Condition(LastOrder, ConditionOperator.WithinLast, "P7D"),
            new Condition(SignedUp, ConditionOperator.Between, ConditionValue.FromRange("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        var signedUp = ConditionAssert.Slot(SignedUp);
        var lastOrder = ConditionAssert.Slot(LastOrder);

        AllocationAssert.ZeroPerCall(() =>
        {
            visitor.SetLocalTime(Now, null);
            visitor.SetInstant(signedUp, Now);
            visitor.SetDate(lastOrder, new LocalDate(2026, 1, 1));
            return compiled.Evaluate(visitor);
        });
    }

    [Theory]
    [InlineData(SignedUp, "2026-03-01", "an instant such as")]
    [InlineData(SignedUp, "2026-03-01T09:00:00", "an instant such as")]
    [InlineData(LastOrder, "2026-03-01T09:00:00Z", "a date such as")]
    [InlineData(LastOrder, "2026-02-30", "a date such as")]
    public void Validation_NotAnInstantOrDate_IsRefused_NamingTheForm(string field, string text, string expected)
    {
        var problem = Single(new Condition(field, ConditionOperator.Before, text));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value", problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_RangeBound_HasTheBoundsPath()
    {
        var problem = Single(new Condition(LastOrder, ConditionOperator.Between, ConditionValue.FromRange("2026-03-01", "March")));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value.max", problem.Path);
    }

    [Fact]
    public void Validation_InvertedRange_IsRefused()
    {
        var problem = Single(new Condition(SignedUp, ConditionOperator.Between, ConditionValue.FromRange("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z")));

        Assert.Equal(ConditionProblemCodes.RangeInverted, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value", problem.Path);
    }

    [Theory]
    [InlineData(LastOrder, "PT12H", "whole number of days")]
    [InlineData(SignedUp, "P1M", "a duration")]
    [InlineData(SignedUp, "seven days", "a duration")]
    [InlineData(SignedUp, "P100001D", "longer than 100000 days")]
    public void Validation_RelativeDuration_IsChecked(string field, string text, string expected)
    {
        var problem = Single(new Condition(field, ConditionOperator.WithinLast, text));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value", problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConditionOperator.GreaterThan)]
    [InlineData(ConditionOperator.Is)]
    [InlineData(ConditionOperator.EqualTo)]
    public void Validation_OtherOperator_IsNotAllowed_ListingTheDateOperators(ConditionOperator op)
    {
        var problem = Single(new Condition(LastOrder, op, "2026-03-01"));

        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, problem.Code);
        Assert.Contains("a date field; use one of: before, after, between, withinLast, moreThanAgo, isSet, isNotSet", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateOperator_OnANumberField_IsNotAllowed()
    {
        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, Single(new Condition("custom.score", ConditionOperator.Before, 3)).Code);
    }

    private static void SetUp(VisitorContext visitor, string? signedUp, string? lastOrder)
    {
        visitor.SetLocalTime(Now, null);
        visitor.SetInstant(ConditionAssert.Slot(SignedUp), ReadInstant(signedUp));
        visitor.SetDate(ConditionAssert.Slot(LastOrder), ReadDate(lastOrder));
    }

    private static Instant? ReadInstant(string? text) => text is null ? null : InstantPattern.ExtendedIso.Parse(text).Value;

    private static LocalDate? ReadDate(string? text) => text is null ? null : LocalDatePattern.Iso.Parse(text).Value;

    private static Problem Single(Condition condition)
    {
        var result = ConditionAssert.Compiler.Compile(ConditionGroup.All(condition));
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }

    private static ConditionOperator Op(string name) => Enum.Parse<ConditionOperator>(name, ignoreCase: true);
}
