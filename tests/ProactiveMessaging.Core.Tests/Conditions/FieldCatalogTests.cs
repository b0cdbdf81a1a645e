using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class FieldCatalogTests
{
    [Fact]
    public void Default_ListsTheBuiltInFields()
    {
        Assert.Equal(
            [
                "page.url", "page.path", "page.title", "page.referrer", "page.timeOnPage", "visit.pageViews", "visitor.visits",
                "visitor.isReturning", "visitor.isIdentified", "visitor.language", "visitor.country", "visitor.localTime",
                "visitor.localDayOfWeek", "device.type", "device.os", "device.browser", "channel.kind",
                "app.version", "visitor.ip",
            ],
            FieldCatalog.Default.Fields.Select(f => f.Name));
        Assert.Equal(249, FieldCatalog.Default.Fields.Single(f => f.Name == "visitor.country").AllowedValues.Length);
    }

    [Fact]
    public void WithCustomAttributeAndEvent_ReturnNewCatalogs()
    {
        var catalog = FieldCatalog.Default.WithCustomAttribute("plan", FieldType.Enum, ["free", "pro"]).WithEvent("signedUp");
        Assert.Equal(19, FieldCatalog.Default.Fields.Length);
        Assert.True(catalog.TryGetField("custom.plan", out var plan));
        Assert.True(plan.IsCustomAttribute);
        Assert.Equal(FieldType.Enum, plan.Type);
        Assert.True(catalog.TryGetField("event.signedUp.occurred", out var occurred));
        Assert.Equal(FieldType.Boolean, occurred.Type);
        Assert.True(occurred.IsEvent);
        Assert.True(catalog.TryGetField("event.signedUp.count", out var count));
        Assert.Equal(FieldType.Number, count.Type);
        Assert.Equal(FieldType.Number, catalog.GetSlot("event.signedUp").Type);
        Assert.Equal("custom.plan", catalog.GetSlot("custom.plan").Name);
    }

    [Fact]
    public void QueryParameters_AreAnOpenFamily()
    {
        Assert.True(FieldCatalog.Default.TryGetField("page.query.utm_campaign", out var field));
        Assert.Equal(FieldType.Text, field.Type);
        Assert.False(FieldCatalog.Default.TryGetField("page.query.", out _));
        Assert.False(FieldCatalog.Default.TryGetField("page.query.a&b", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1plan")]
    [InlineData("plan.name")]
    [InlineData("plan name")]
    public void Names_AreChecked(string name)
    {
        Assert.Throws<ArgumentException>(() => FieldCatalog.Default.WithCustomAttribute(name, FieldType.Text));
        Assert.Throws<ArgumentException>(() => FieldCatalog.Default.WithEvent(name));
    }

    [Fact]
    public void Declarations_AreChecked()
    {
        var catalog = FieldCatalog.Default.WithCustomAttribute("plan", FieldType.Text).WithEvent("x");
        Assert.Throws<ArgumentException>(() => catalog.WithCustomAttribute("plan", FieldType.Number));
        Assert.Throws<ArgumentException>(() => catalog.WithEvent("x"));
        Assert.Throws<ArgumentException>(() => catalog.WithCustomAttribute("tier", FieldType.Enum));
        Assert.Throws<ArgumentException>(() => catalog.WithCustomAttribute("tier", FieldType.Enum, ["a", "A"]));
        Assert.Throws<ArgumentException>(() => catalog.WithCustomAttribute("tier", FieldType.Text, ["a"]));
        Assert.Throws<ArgumentException>(() => catalog.GetSlot("custom.nope"));
        Assert.Throws<ArgumentException>(() => catalog.GetSlot("page.url"));
    }
}
