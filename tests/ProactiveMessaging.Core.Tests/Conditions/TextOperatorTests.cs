using System.Globalization;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>Every text operator, with both evaluators. A value "a|b" is a list for isOneOf / containsOneOf; a visitor value null is "not set".</summary>
public sealed class TextOperatorTests
{
    [Theory]
    // is / isNot: page.title ignores case, custom.nickname (declared case-sensitive) is ordinal.
    [InlineData("page.title", "is", "Pricing", "pricing", true)]
    [InlineData("page.title", "is", "Pricing", "Pricing plans", false)]
    [InlineData("page.title", "isNot", "Pricing", "pricing", false)]
    [InlineData("page.title", "isNot", "Pricing", "Home", true)]
    [InlineData("custom.nickname", "is", "Bob", "bob", false)]
    [InlineData("custom.nickname", "is", "Bob", "Bob", true)]
    // Empty strings: an empty value is set; is "" matches it.
    [InlineData("page.title", "is", "", "", true)]
    [InlineData("page.title", "isNot", "", "x", true)]
    [InlineData("page.title", "contains", "a", "", false)]
    [InlineData("page.title", "doesNotContain", "a", "", true)]
    // Missing attribute: every operator false except isNotSet, negations included.
    [InlineData("page.title", "is", "x", null, false)]
    [InlineData("page.title", "isNot", "x", null, false)]
    [InlineData("page.title", "doesNotContain", "x", null, false)]
    [InlineData("page.title", "matchesPattern", ".*", null, false)]
    [InlineData("page.title", "isOneOf", "x|y", null, false)]
    [InlineData("page.title", "isSet", null, null, false)]
    [InlineData("page.title", "isNotSet", null, null, true)]
    [InlineData("page.title", "isSet", null, "", true)]
    // contains / doesNotContain / startsWith / endsWith.
    [InlineData("page.path", "contains", "/checkout", "/shop/checkout/pay", true)]
    [InlineData("page.path", "contains", "/Checkout", "/shop/checkout/pay", false)]
    [InlineData("page.path", "doesNotContain", "/checkout", "/shop/cart", true)]
    [InlineData("page.path", "startsWith", "/shop", "/shop/cart", true)]
    [InlineData("page.path", "startsWith", "/cart", "/shop/cart", false)]
    [InlineData("page.path", "endsWith", "/cart", "/shop/cart/", true)]
    [InlineData("device.os", "startsWith", "WIN", "Windows 11", true)]
    [InlineData("device.browser", "endsWith", "FOX", "Firefox", true)]
    // Wildcards: * matches any run, / included; the whole value must match.
    [InlineData("page.path", "matchesWildcard", "/products/*/reviews", "/products/42/reviews", true)]
    [InlineData("page.path", "matchesWildcard", "/products/*/reviews", "/products/a/b/reviews", true)]
    [InlineData("page.path", "matchesWildcard", "/products/*/reviews", "/products/42/reviews/1", false)]
    [InlineData("page.path", "matchesWildcard", "/products/*/reviews", "/products/reviews", false)]
    [InlineData("page.path", "matchesWildcard", "/products/*", "/products/", false)]
    [InlineData("page.path", "matchesWildcard", "*", "/", true)]
    [InlineData("page.path", "matchesWildcard", "*a*a*", "/aa", true)]
    [InlineData("page.path", "matchesWildcard", "*a*a*", "/a", false)]
    [InlineData("page.path", "matchesWildcard", "/no-star", "/no-star", true)]
    [InlineData("page.title", "matchesWildcard", "*SALE*", "Summer sale now", true)]
    // Patterns: searched, not anchored; the field's case rule applies.
    [InlineData("page.path", "matchesPattern", "^/products/[0-9]+$", "/products/42", true)]
    [InlineData("page.path", "matchesPattern", "^/products/[0-9]+$", "/products/42a", false)]
    [InlineData("page.path", "matchesPattern", "[0-9]{3}", "/order/12345", true)]
    [InlineData("page.title", "matchesPattern", "^sale", "SALE today", true)]
    // isOneOf / containsOneOf.
    [InlineData("page.path", "isOneOf", "/a|/b", "/b", true)]
    [InlineData("page.path", "isOneOf", "/a|/b", "/c", false)]
    [InlineData("page.title", "containsOneOf", "sale|deal", "Big DEAL", true)]
    [InlineData("page.title", "containsOneOf", "sale|deal", "Home", false)]
    // Non-ASCII text and casing traps: ordinal-ignore-case is simple invariant case mapping,
    // never culture-sensitive (the same under tr-TR).
    [InlineData("page.title", "is", "ÉTÉ", "été", true)]
    [InlineData("page.title", "is", "ΣΟΦΊΑ", "σοφία", true)]
    [InlineData("page.title", "is", "ISTANBUL", "istanbul", true)]
    [InlineData("page.title", "is", "İstanbul", "istanbul", false)]
    [InlineData("page.title", "is", "I", "ı", false)]
    [InlineData("page.title", "is", "STRASSE", "straße", false)]
    [InlineData("page.title", "is", "k", "\u212A", false)]
    [InlineData("page.title", "contains", "日本", "ようこそ日本へ", true)]
    [InlineData("page.title", "contains", "😀", "hi 😀", true)]
    [InlineData("custom.nickname", "is", "é", "e\u0301", false)]
    public void Text(string field, string op, string? value, string? visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate(field, op, value, visitor));
    }

    [Theory]
    [InlineData("is", "İstanbul", "istanbul", false)]
    [InlineData("is", "ISTANBUL", "istanbul", true)]
    [InlineData("contains", "I", "ı", false)]
    public void Text_UnderTurkishCulture_IsTheSame(string op, string value, string visitor, bool expected)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal(expected, Evaluate("page.title", op, value, visitor));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    // URL values of is / isNot / isOneOf are normalised like the visitor's URL.
    [InlineData("page.url", "is", "HTTPS://Example.com/Pricing/", "https://example.com/Pricing", true)]
    [InlineData("page.url", "is", "https://example.com/pricing", "https://example.com/Pricing", false)]
    [InlineData("page.url", "is", "https://example.com/a", "https://EXAMPLE.com:443/a/#x", true)]
    [InlineData("page.url", "isOneOf", "https://example.com/a/|https://example.com/b", "https://example.com/a", true)]
    [InlineData("page.url", "contains", "utm_source=mail", "https://example.com/a?utm_source=mail", true)]
    [InlineData("page.url", "contains", "#frag", "https://example.com/a#frag", false)]
    [InlineData("page.referrer", "startsWith", "https://www.google.", "HTTPS://WWW.GOOGLE.COM/search?q=x", true)]
    [InlineData("page.referrer", "is", "https://news.example.org", "https://news.example.org/", true)]
    public void Url(string field, string op, string value, string visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate(field, op, value, visitor));
    }

    [Theory]
    // A query parameter by name: decoded (+ and percent-escapes), names ordinal.
    [InlineData("is", "mail", "/a?utm_source=mail", true)]
    [InlineData("is", "spring sale", "/a?x=1&utm_source=spring+sale", true)]
    [InlineData("is", "spring sale", "/a?utm_source=spring%20sale", true)]
    [InlineData("is", "café", "/a?utm_source=caf%C3%A9", true)]
    [InlineData("is", "", "/a?utm_source", true)]
    [InlineData("is", "mail", "/a?UTM_SOURCE=mail", false)]
    [InlineData("is", "mail", "/a#utm_source=mail", false)]
    [InlineData("startsWith", "news", "/a?utm_source=newsletter-42", true)]
    [InlineData("isSet", null, "/a?utm_source=", true)]
    [InlineData("isSet", null, "/a?utm_sourcex=1", false)]
    [InlineData("isNotSet", null, "/a", true)]
    [InlineData("isNotSet", null, null, true)]
    [InlineData("is", "x", null, false)]
    public void QueryParameter(string op, string? value, string? url, bool expected)
    {
        Assert.Equal(expected, Evaluate("page.query.utm_source", op, value, url));
    }

    [Theory]
    // Language ranges: ja matches ja-JP, not the other way round; case and _ do not matter.
    [InlineData("is", "ja", "ja-JP", true)]
    [InlineData("is", "ja", "ja", true)]
    [InlineData("is", "ja-JP", "ja", false)]
    [InlineData("is", "ja", "jav", false)]
    [InlineData("is", "pt-BR", "pt_br", true)]
    [InlineData("is", "zh-Hant", "zh-Hant-TW", true)]
    [InlineData("is", "*", "fr", true)]
    [InlineData("isNot", "en", "en-GB", false)]
    [InlineData("isNot", "en", "fr-CA", true)]
    [InlineData("isOneOf", "de|fr", "fr-CH", true)]
    [InlineData("isOneOf", "de|fr", "it-CH", false)]
    [InlineData("startsWith", "pt", "pt-BR", true)]
    [InlineData("is", "ja", null, false)]
    // Case folding is OrdinalIgnoreCase's, non-ASCII included: letters differing in case match,
    // other ASCII pairs that differ by 0x20 do not, and look-alikes (Kelvin sign, dotless i, long s) do not.
    [InlineData("is", "en-GB", "EN-gb", true)]
    [InlineData("is", "zu", "ZU", true)]
    [InlineData("is", "es-419", "ES-\u001419", false)]
    [InlineData("is", "ko", "\u212Ao", false)]
    [InlineData("is", "it", "\u0131t", false)]
    [InlineData("is", "sr", "\u017Fr", false)]
    public void Language(string op, string value, string? language, bool expected)
    {
        Assert.Equal(expected, Evaluate("visitor.language", op, value, language));
    }

    [Theory]
    // Ordinal texts of 8 to 16 characters are compared as two vectors: lengths at the edges.
    [InlineData("is", "12345678", "12345678", true)]
    [InlineData("is", "12345678", "1234567", false)]
    [InlineData("is", "12345678", "123456789", false)]
    [InlineData("is", "1234567890abcdef", "1234567890abcdef", true)]
    [InlineData("is", "1234567890abcdef", "1234567890abcdeF", false)]
    [InlineData("startsWith", "/checkout", "/checkout", true)]
    [InlineData("startsWith", "/checkout", "/checkou", false)]
    [InlineData("startsWith", "/checkout", "/checkout/pay", true)]
    [InlineData("startsWith", "/checkout", "/Checkout/pay", false)]
    [InlineData("endsWith", "/reviews", "/products/1/reviews", true)]
    [InlineData("endsWith", "/reviews", "/reviewsx", false)]
    [InlineData("endsWith", "0123456789abcdef", "x0123456789abcdef", true)]
    [InlineData("endsWith", "0123456789abcdef", "0123456789abcde", false)]
    public void Text_OrdinalLiterals(string op, string value, string visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate("custom.nickname", op, value, visitor));
        if (value.StartsWith('/') && visitor.StartsWith('/'))
        {
            Assert.Equal(expected, Evaluate("page.path", op, value, visitor));
        }
    }

    [Fact]
    public void Text_VeryLongValues_Work()
    {
        var title = new string('x', 200_000) + "needle";
        Assert.True(Evaluate("page.title", "contains", "needle", title));
        Assert.True(Evaluate("page.title", "matchesWildcard", "x*needle", title));
        Assert.True(Evaluate("page.title", "matchesPattern", "x+needle$", title));
        Assert.False(Evaluate("page.title", "is", new string('x', 1000), title));
    }

    internal static bool Evaluate(string field, string op, string? value, string? visitor)
    {
        var @operator = Enum.Parse<ConditionOperator>(op, ignoreCase: true);
        ConditionValue? conditionValue = value is null
            ? null
            : @operator is ConditionOperator.IsOneOf or ConditionOperator.ContainsOneOf ? ConditionValue.FromList(value.Split('|')) : ConditionValue.FromText(value);
        return ConditionAssert.Evaluate(field, @operator, conditionValue, v => SetText(v, field, visitor));
    }

    internal static void SetText(VisitorContext visitor, string field, string? value)
    {
        switch (field)
        {
            case "page.url" or "page.path":
                visitor.SetPageUrl(value);
                break;
            case "page.title":
                visitor.SetPageTitle(value);
                break;
            case "page.referrer":
                visitor.SetReferrer(value);
                break;
            case "visitor.language":
                visitor.SetLanguage(value);
                break;
            case "device.os":
                visitor.SetOperatingSystem(value);
                break;
            case "device.browser":
                visitor.SetBrowser(value);
                break;
            case "custom.nickname":
                visitor.SetText(ConditionAssert.Slot(field), value);
                break;
            default:
                if (field.StartsWith("page.query.", StringComparison.Ordinal))
                {
                    visitor.SetPageUrl(value);
                    break;
                }

                throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
