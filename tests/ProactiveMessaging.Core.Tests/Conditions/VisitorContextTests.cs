using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class VisitorContextTests
{
    [Theory]
    // Scheme and host lower-cased, path case kept.
    [InlineData("HTTPS://Example.COM/Products/A", "https://example.com/Products/A", "/Products/A")]
    // Trailing slashes of a path dropped, the root kept.
    [InlineData("https://example.com/products/", "https://example.com/products", "/products")]
    [InlineData("https://example.com/", "https://example.com/", "/")]
    [InlineData("https://example.com", "https://example.com/", "/")]
    // The fragment dropped, the query kept as sent, an empty query dropped.
    [InlineData("https://example.com/a/?b=C#top", "https://example.com/a?b=C", "/a")]
    [InlineData("https://example.com/a?", "https://example.com/a", "/a")]
    // Default ports dropped, others kept.
    [InlineData("http://example.com:80/a", "http://example.com/a", "/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a", "/a")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a", "/a")]
    // A path alone (as a mobile SDK screen route) and surrounding white space.
    [InlineData("  /checkout/  ", "/checkout", "/checkout")]
    [InlineData("", "", "")]
    public void SetPageUrl_Normalises(string raw, string url, string path)
    {
        var visitor = new VisitorContext();
        visitor.SetPageUrl(raw);
        Assert.Equal(url, visitor.Texts[BuiltInFields.PageUrl].ToString());
        Assert.Equal(path, visitor.Texts[BuiltInFields.PagePath].ToString());
        Assert.Equal(url, UrlNormalizer.Normalize(raw));
    }

    [Fact]
    public void SetPageUrl_Null_ClearsUrlAndPath()
    {
        var visitor = new VisitorContext();
        visitor.SetPageUrl("/a");
        visitor.SetPageUrl(null);
        Assert.False(visitor.Present[BuiltInFields.PageUrl]);
        Assert.False(visitor.Present[BuiltInFields.PagePath]);
    }

    [Fact]
    public void SetPageUrl_VeryLong_GrowsTheBuffer()
    {
        var visitor = new VisitorContext();
        var url = "https://example.com/" + new string('a', 100_000) + "?q=" + new string('b', 10_000);
        visitor.SetPageUrl(url);
        Assert.Equal(url, visitor.Texts[BuiltInFields.PageUrl].ToString());
    }

    [Fact]
    public void SetLocalTime_UsesTheVisitorZone()
    {
        var visitor = new VisitorContext();
        var instant = Instant.FromUtc(2026, 3, 2, 23, 30); // Monday 23:30 UTC
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
        visitor.SetLocalTime(instant, tokyo);
        Assert.Equal((8 * 3600) + (30 * 60), visitor.Numbers[BuiltInFields.LocalTime]);
        Assert.Equal(1, visitor.Codes[BuiltInFields.LocalDayOfWeek]); // tuesday
    }

    [Fact]
    public void SetLocalTime_WithoutVisitorZone_UsesTheFallbackThenUtc()
    {
        var visitor = new VisitorContext();
        var instant = Instant.FromUtc(2026, 7, 1, 12, 0);
        visitor.SetLocalTime(instant, null, DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        Assert.Equal(14 * 3600, visitor.Numbers[BuiltInFields.LocalTime]);
        visitor.SetLocalTime(instant, null);
        Assert.Equal(12 * 3600, visitor.Numbers[BuiltInFields.LocalTime]);
    }

    [Fact]
    public void SetCountry_AnyCase_ResolvesTheCode()
    {
        var visitor = new VisitorContext();
        visitor.SetCountry("jp");
        Assert.Equal("JP", CountryCodes.All[visitor.Codes[BuiltInFields.Country]]);
        visitor.SetCountry("XX");
        Assert.True(visitor.Present[BuiltInFields.Country]);
        Assert.Equal(-1, visitor.Codes[BuiltInFields.Country]);
    }

    [Fact]
    public void Reset_ClearsEverything_AndEventsCountZero()
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetPageTitle("x");
        visitor.RecordEvent(ConditionAssert.Slot("event.addedToCart"));
        visitor.Reset();
        Assert.False(visitor.Present[BuiltInFields.PageTitle]);
        Assert.False(ConditionAssert.Evaluate("event.addedToCart.occurred", ConditionOperator.IsTrue, null, v => v.Reset()));
        Assert.True(ConditionAssert.Evaluate("event.addedToCart.count", ConditionOperator.EqualTo, 0, v => { }));
    }

    [Fact]
    public void Setters_RejectSlotsOfTheWrongTypeOrCatalog()
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        Assert.Throws<ArgumentException>(() => visitor.SetNumber(ConditionAssert.Slot("custom.nickname"), 1));
        Assert.Throws<ArgumentException>(() => visitor.SetEventCount(ConditionAssert.Slot("custom.score"), 1));
        var other = FieldCatalog.Default.WithCustomAttribute("score", FieldType.Number);
        Assert.Throws<ArgumentException>(() => visitor.SetNumber(other.GetSlot("custom.score"), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => visitor.SetEventCount(ConditionAssert.Slot("event.addedToCart"), -1));
    }

    [Fact]
    public void Setters_NaN_ClearsTheNumber()
    {
        Assert.True(ConditionAssert.Evaluate("custom.score", ConditionOperator.IsNotSet, null, v => v.SetNumber(ConditionAssert.Slot("custom.score"), double.NaN)));
    }
}
