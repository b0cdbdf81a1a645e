using NodaTime;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>Number, duration, time-of-day, enum, boolean, list and event operators, with both evaluators.</summary>
public sealed class ValueOperatorTests
{
    private static readonly Instant Monday0930Utc = Instant.FromUtc(2026, 3, 2, 9, 30);

    [Theory]
    // Numbers (visit.pageViews); "null" is not set.
    [InlineData("equalTo", 3, 3, true)]
    [InlineData("equalTo", 3, 4, false)]
    [InlineData("notEqualTo", 3, 4, true)]
    [InlineData("notEqualTo", 3, 3, false)]
    [InlineData("greaterThan", 3, 4, true)]
    [InlineData("greaterThan", 3, 3, false)]
    [InlineData("atLeast", 3, 3, true)]
    [InlineData("atLeast", 3, 2, false)]
    [InlineData("lessThan", 3, 2, true)]
    [InlineData("lessThan", 3, 3, false)]
    [InlineData("atMost", 3, 3, true)]
    [InlineData("atMost", 3, 4, false)]
    [InlineData("equalTo", 0, 0, true)]
    [InlineData("equalTo", 3, null, false)]
    [InlineData("notEqualTo", 3, null, false)]
    [InlineData("lessThan", 3, null, false)]
    public void Number(string op, double value, int? pageViews, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("visit.pageViews", Op(op), value, v => v.SetPageViews(pageViews)));
    }

    [Theory]
    [InlineData(2, 5, 2, true)]
    [InlineData(2, 5, 5, true)]
    [InlineData(2, 5, 6, false)]
    [InlineData(2, 5, 1, false)]
    [InlineData(2, 2, 2, true)]
    public void Number_Between_IncludesBothEnds(double min, double max, int visits, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("visitor.visits", ConditionOperator.Between, ConditionValue.FromRange(min, max), v => v.SetVisits(visits)));
    }

    [Theory]
    // Custom numbers: fractions, negative numbers, invariant text, NaN and infinities.
    [InlineData("greaterThan", "2.5", 2.6, true)]
    [InlineData("lessThan", "-1", -1.5, true)]
    [InlineData("equalTo", "1e3", 1000, true)]
    [InlineData("greaterThan", "0", double.PositiveInfinity, true)]
    [InlineData("lessThan", "0", double.NegativeInfinity, true)]
    [InlineData("notEqualTo", "0", double.NaN, false)]
    [InlineData("equalTo", "0", double.NaN, false)]
    public void Number_Custom(string op, string value, double score, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("custom.score", Op(op), value, v => v.SetNumber(ConditionAssert.Slot("custom.score"), score)));
    }

    [Theory]
    // Durations: seconds as numbers or ISO-8601 texts.
    [InlineData("atLeast", 30, 30, true)]
    [InlineData("atLeast", "PT30S", 29.5, false)]
    [InlineData("greaterThan", "PT1M", 61, true)]
    [InlineData("lessThan", "PT1H30M", 5399, true)]
    [InlineData("equalTo", "P1D", 86400, true)]
    [InlineData("atMost", 0, 0, true)]
    public void Duration_(string op, object value, double seconds, bool expected)
    {
        ConditionValue conditionValue = value is string text ? text : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ConditionAssert.Evaluate("page.timeOnPage", Op(op), conditionValue, v => v.SetTimeOnPage(Duration.FromSeconds(seconds))));
    }

    [Fact]
    public void Duration_Between_AndMissing()
    {
        var range = ConditionValue.FromRange("PT10S", 60);
        Assert.True(ConditionAssert.Evaluate("page.timeOnPage", ConditionOperator.Between, range, v => v.SetTimeOnPage(Duration.FromSeconds(10))));
        Assert.False(ConditionAssert.Evaluate("page.timeOnPage", ConditionOperator.Between, range, v => v.SetTimeOnPage(Duration.FromSeconds(61))));
        Assert.False(ConditionAssert.Evaluate("page.timeOnPage", ConditionOperator.AtLeast, 0, v => v.SetTimeOnPage(null)));
        Assert.True(ConditionAssert.Evaluate("custom.trial", ConditionOperator.LessThan, "P7D", v => v.SetDuration(ConditionAssert.Slot("custom.trial"), Duration.FromDays(3))));
    }

    [Theory]
    // Time of day in the visitor's zone; a between whose minimum is after its maximum crosses midnight.
    [InlineData("UTC", "atLeast", "09:30", true)]
    [InlineData("UTC", "greaterThan", "09:30", false)]
    [InlineData("UTC", "lessThan", "09:30:01", true)]
    [InlineData("Asia/Tokyo", "atLeast", "18:00", true)] // 18:30 in Tokyo
    [InlineData("America/Los_Angeles", "lessThan", "06:00", true)] // 01:30 in Los Angeles
    public void LocalTime(string zone, string op, string value, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("visitor.localTime", Op(op), value, v => v.SetLocalTime(Monday0930Utc, DateTimeZoneProviders.Tzdb[zone])));
    }

    [Theory]
    [InlineData("09:00", "18:00", "Europe/Paris", true)] // 10:30
    [InlineData("09:00", "18:00", "Asia/Tokyo", false)] // 18:30
    [InlineData("22:00", "06:00", "America/Los_Angeles", true)] // 01:30, across midnight
    [InlineData("22:00", "06:00", "Europe/Paris", false)] // 10:30
    [InlineData("09:30", "09:30", "UTC", true)]
    public void LocalTime_Between(string min, string max, string zone, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("visitor.localTime", ConditionOperator.Between, ConditionValue.FromRange(min, max), v => v.SetLocalTime(Monday0930Utc, DateTimeZoneProviders.Tzdb[zone])));
    }

    [Fact]
    public void LocalTime_Unknown_IsNotSet()
    {
        Assert.True(ConditionAssert.Evaluate("visitor.localTime", ConditionOperator.IsNotSet, null, v => { }));
        Assert.False(ConditionAssert.Evaluate("visitor.localDayOfWeek", ConditionOperator.IsNot, "monday", v => { }));
    }

    [Theory]
    [InlineData("UTC", "is", "monday", true)]
    [InlineData("Asia/Tokyo", "is", "Monday", true)]
    [InlineData("Pacific/Kiritimati", "is", "tuesday", true)] // UTC+14: Monday 21:30 UTC is Tuesday 11:30 there
    [InlineData("UTC", "isNot", "sunday", true)]
    [InlineData("UTC", "isOneOf", "saturday|sunday", false)]
    public void LocalDayOfWeek(string zone, string op, string value, bool expected)
    {
        ConditionValue conditionValue = op == "isOneOf" ? ConditionValue.FromList(value.Split('|')) : value;
        var instant = zone == "Pacific/Kiritimati" ? Monday0930Utc.Plus(Duration.FromHours(12)) : Monday0930Utc;
        Assert.Equal(expected, ConditionAssert.Evaluate("visitor.localDayOfWeek", Op(op), conditionValue, v => v.SetLocalTime(instant, DateTimeZoneProviders.Tzdb[zone])));
    }

    [Theory]
    // Enums: values ignore case; a visitor value that is not an allowed one is set but equals none.
    [InlineData("device.type", "is", "mobile", "mobile", true)]
    [InlineData("device.type", "is", "MOBILE", "mobile", true)]
    [InlineData("device.type", "isNot", "mobile", "tablet", true)]
    [InlineData("device.type", "isOneOf", "mobile|tablet", "desktop", false)]
    [InlineData("device.type", "isNot", "mobile", null, false)]
    [InlineData("visitor.country", "is", "JP", "jp", true)]
    [InlineData("visitor.country", "isOneOf", "DE|AT|CH", "CH", true)]
    [InlineData("visitor.country", "isOneOf", "DE|AT|CH", "FR", false)]
    [InlineData("visitor.country", "isNot", "FR", "XX", true)]
    [InlineData("visitor.country", "is", "FR", "XX", false)]
    [InlineData("visitor.country", "isSet", null, "XX", true)]
    [InlineData("channel.kind", "is", "mobileSdk", "MobileSDK", true)]
    [InlineData("channel.kind", "isNot", "webWidget", "webWidget", false)]
    [InlineData("custom.plan", "is", "Pro", "pro", true)]
    [InlineData("custom.plan", "isOneOf", "pro|enterprise", "free", false)]
    [InlineData("custom.plan", "isNotSet", null, null, true)]
    public void Enum_(string field, string op, string? value, string? visitor, bool expected)
    {
        ConditionValue? conditionValue = value is null ? null : op == "isOneOf" ? ConditionValue.FromList(value.Split('|')) : value;
        Assert.Equal(expected, ConditionAssert.Evaluate(field, Op(op), conditionValue, v =>
        {
            switch (field)
            {
                case "device.type":
                    v.SetDeviceType(visitor is null ? null : Enum.Parse<DeviceType>(visitor, ignoreCase: true));
                    break;
                case "visitor.country":
                    v.SetCountry(visitor);
                    break;
                case "channel.kind":
                    v.SetChannelKind(visitor);
                    break;
                default:
                    v.SetText(ConditionAssert.Slot(field), visitor);
                    break;
            }
        }));
    }

    [Theory]
    [InlineData("visitor.isReturning", "isTrue", true, true)]
    [InlineData("visitor.isReturning", "isTrue", false, false)]
    [InlineData("visitor.isReturning", "isFalse", false, true)]
    [InlineData("visitor.isReturning", "isFalse", null, false)]
    [InlineData("visitor.isReturning", "isTrue", null, false)]
    [InlineData("visitor.isReturning", "isSet", false, true)]
    [InlineData("visitor.isIdentified", "isTrue", true, true)]
    [InlineData("visitor.isIdentified", "isNotSet", null, true)]
    [InlineData("custom.vip", "isTrue", true, true)]
    [InlineData("custom.vip", "isFalse", true, false)]
    public void Boolean(string field, string op, bool? visitor, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(field, Op(op), null, v =>
        {
            switch (field)
            {
                case "visitor.isReturning":
                    v.SetReturning(visitor);
                    break;
                case "visitor.isIdentified":
                    v.SetIdentified(visitor);
                    break;
                default:
                    v.SetBoolean(ConditionAssert.Slot(field), visitor);
                    break;
            }
        }));
    }

    [Theory]
    [InlineData("contains", "beta", "alpha|Beta", true)]
    [InlineData("contains", "gamma", "alpha|beta", false)]
    [InlineData("contains", "", "|a", true)]
    [InlineData("doesNotContain", "gamma", "alpha|beta", true)]
    [InlineData("doesNotContain", "beta", "alpha|beta", false)]
    [InlineData("containsOneOf", "x|beta", "alpha|beta", true)]
    [InlineData("containsOneOf", "x|y", "alpha|beta", false)]
    [InlineData("contains", "beta", null, false)]
    [InlineData("doesNotContain", "beta", null, false)]
    [InlineData("isSet", null, "", true)]
    [InlineData("isNotSet", null, null, true)]
    public void List(string op, string? value, string? items, bool expected)
    {
        ConditionValue? conditionValue = value is null ? null : op == "containsOneOf" ? ConditionValue.FromList(value.Split('|')) : value;
        Assert.Equal(expected, ConditionAssert.Evaluate("custom.segments", Op(op), conditionValue, v =>
            v.SetList(ConditionAssert.Slot("custom.segments"), items is null ? null : items.Length == 0 ? [] : items.Split('|'))));
    }

    [Fact]
    public void List_Empty_ContainsNothing()
    {
        Assert.False(ConditionAssert.Evaluate("custom.segments", ConditionOperator.Contains, "a", v => v.SetList(ConditionAssert.Slot("custom.segments"), [])));
        Assert.True(ConditionAssert.Evaluate("custom.segments", ConditionOperator.DoesNotContain, "a", v => v.SetList(ConditionAssert.Slot("custom.segments"), [])));
    }

    [Theory]
    [InlineData("event.addedToCart.occurred", "isTrue", 0, false)]
    [InlineData("event.addedToCart.occurred", "isTrue", 1, true)]
    [InlineData("event.addedToCart.occurred", "isFalse", 0, true)]
    [InlineData("event.addedToCart.occurred", "isSet", 0, true)]
    [InlineData("event.addedToCart.count", "atLeast", 2, false)]
    [InlineData("event.addedToCart.count", "atLeast", 3, true)]
    public void Event(string field, string op, int before, bool expected)
    {
        ConditionValue? value = op == "atLeast" ? 3 : null;
        Assert.Equal(expected, ConditionAssert.Evaluate(field, Op(op), value, v =>
        {
            var slot = ConditionAssert.Slot("event.addedToCart");
            v.SetEventCount(slot, before);
            if (op == "atLeast" && before == 3)
            {
                v.SetEventCount(slot, 2);
                v.RecordEvent(slot);
            }
        }));
    }

    [Fact]
    public void CustomTimeOfDay()
    {
        Assert.True(ConditionAssert.Evaluate("custom.opensAt", ConditionOperator.AtMost, "08:00", v => v.SetTimeOfDay(ConditionAssert.Slot("custom.opensAt"), new LocalTime(7, 45))));
    }

    internal static ConditionOperator Op(string name) => Enum.Parse<ConditionOperator>(name, ignoreCase: true);
}
