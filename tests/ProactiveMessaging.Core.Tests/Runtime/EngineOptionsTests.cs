using Microsoft.Extensions.Options;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.DependencyInjection;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>The engine checks its options with the host's start-up rules on every construction path, not only through DI.</summary>
public sealed class EngineOptionsTests
{
    [Theory]
    [MemberData(nameof(AddProactiveMessagingTests.InvalidOptions), MemberType = typeof(AddProactiveMessagingTests))]
    public void Constructor_WithInvalidOptions_ThrowsNamingTheOption(string change, string option)
    {
        var options = new ProactiveMessagingOptions();
        AddProactiveMessagingTests.Break(options, change);

        var failure = Assert.Throws<OptionsValidationException>(() => new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), options));

        Assert.Contains(option, failure.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(ProactiveMessagingOptions), failure.OptionsType);
    }

    [Fact]
    public void Constructor_WithAZeroStoreTimeout_ThrowsRatherThanFailingEveryDecision()
    {
        var options = new ProactiveMessagingOptions { StoreTimeout = TimeSpan.Zero };

        var failure = Assert.Throws<OptionsValidationException>(() => new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), options));

        Assert.Contains(failure.Failures, f => f.Contains(nameof(ProactiveMessagingOptions.StoreTimeout), StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_WithDefaultOrNoOptions_Succeeds()
    {
        using var withDefaults = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), new ProactiveMessagingOptions());
        using var withNone = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());

        Assert.Same(withDefaults.Fields, withNone.Fields);
    }
}
