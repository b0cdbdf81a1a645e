using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Text = new(
        "Need help?",
        [new("pt-BR", "Precisa de ajuda?"), new("pt", "Precisa de ajuda, caro cliente?"), new("zh-Hant", "需要幫忙嗎？"), new("de", "Brauchen Sie Hilfe?")]);

    [Theory]
    // An exact variant.
    [InlineData("pt-BR", "Precisa de ajuda?")]
    [InlineData("pt", "Precisa de ajuda, caro cliente?")]
    [InlineData("de", "Brauchen Sie Hilfe?")]
    // Tags compare ignoring case.
    [InlineData("PT-br", "Precisa de ajuda?")]
    [InlineData("DE", "Brauchen Sie Hilfe?")]
    // A region without its own variant falls back to the language.
    [InlineData("pt-PT", "Precisa de ajuda, caro cliente?")]
    [InlineData("de-AT", "Brauchen Sie Hilfe?")]
    // Each shorter prefix is tried in turn.
    [InlineData("zh-Hant-TW", "需要幫忙嗎？")]
    [InlineData("pt-BR-x-private", "Precisa de ajuda?")]
    // No variant for the language: the default.
    [InlineData("fr", "Need help?")]
    [InlineData("fr-CA", "Need help?")]
    [InlineData("zh", "Need help?")]
    [InlineData("p", "Need help?")]
    [InlineData("", "Need help?")]
    [InlineData(null, "Need help?")]
    public void Resolve_Language_PicksTheVariantWithFallback(string? language, string expected) =>
        Assert.Equal(expected, Text.Resolve(language));

    [Fact]
    public void Resolve_RegionOnlyVariant_DoesNotServeTheBareLanguage()
    {
        var text = new LocalizedText("Hi", [new("pt-BR", "Oi")]);

        Assert.Equal("Hi", text.Resolve("pt"));
        Assert.Equal("Oi", text.Resolve("pt-BR"));
    }

    [Fact]
    public void Resolve_NoVariants_ReturnsTheDefault() =>
        Assert.Equal("Hi", new LocalizedText("Hi").Resolve("pt-BR"));

    [Fact]
    public void Variants_AreSortedByTagIgnoringCase()
    {
        var text = new LocalizedText("Hi", [new("pt", "Oi"), new("DE", "Hallo"), new("en-GB", "Hello")]);

        Assert.Equal(["DE", "en-GB", "pt"], text.Variants.Keys);
    }

    [Fact]
    public void Equals_SameDefaultAndVariantsInAnotherOrder_AreEqual()
    {
        var a = new LocalizedText("Hi", [new("pt", "Oi"), new("de", "Hallo")]);
        var b = new LocalizedText("Hi", [new("de", "Hallo"), new("pt", "Oi")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("Hi!", "pt", "Oi")]
    [InlineData("Hi", "pt", "Olá")]
    [InlineData("Hi", "es", "Oi")]
    [InlineData("hi", "pt", "Oi")]
    public void Equals_DifferentDefaultOrVariant_AreNotEqual(string defaultText, string tag, string variant) =>
        Assert.NotEqual(new LocalizedText("Hi", [new("pt", "Oi")]), new LocalizedText(defaultText, [new(tag, variant)]));

    [Fact]
    public void Equals_ExtraVariant_AreNotEqual() =>
        Assert.NotEqual(new LocalizedText("Hi", [new("pt", "Oi")]), new LocalizedText("Hi", [new("pt", "Oi"), new("de", "Hallo")]));

    [Fact]
    public void ImplicitConversion_FromString_HasNoVariants()
    {
        LocalizedText text = "Hi";

        Assert.Equal("Hi", text.Default);
        Assert.Empty(text.Variants);
        Assert.Equal(LocalizedText.FromString("Hi"), text);
    }

    [Fact]
    public void Empty_HasAnEmptyDefaultAndNoVariants()
    {
        Assert.Equal(string.Empty, LocalizedText.Empty.Default);
        Assert.Empty(LocalizedText.Empty.Variants);
    }

    [Fact]
    public void Constructor_NullDefault_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new LocalizedText(null!));
}
