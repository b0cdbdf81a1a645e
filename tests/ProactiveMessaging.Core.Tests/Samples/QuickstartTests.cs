namespace ProactiveMessaging.Tests.Samples;

/// <summary>The README's main command: the Quickstart sample runs and shows every step.</summary>
[CollectionDefinition(nameof(ConsoleOutputTests), DisableParallelization = true)]
public sealed class ConsoleOutputTests;

[Collection(nameof(ConsoleOutputTests))]
public sealed class QuickstartTests
{
    [Fact]
    public async Task Quickstart_RunsToTheEnd_AndShowsEachStepOfTheStory()
    {
        var (exitCode, text) = await SampleRunner.RunAsync(typeof(Quickstart.SampleClock).Assembly);
        Assert.Equal(0, exitCode);
        Assert.Contains("3 messages read", text, StringComparison.Ordinal);
        Assert.Contains("[text.emoji]", text, StringComparison.Ordinal);
        Assert.Contains("refused", text, StringComparison.Ordinal);
        Assert.Contains("[reply.answer.notPublished]", text, StringComparison.Ordinal);
        Assert.Contains("Publish 'Help on the checkout page': now Live", text, StringComparison.Ordinal);
        Assert.Contains("show \"Precisa de ajuda com o pagamento? Estamos aqui.\"", text, StringComparison.Ordinal);
        Assert.Contains("hand over to an online agent: True", text, StringComparison.Ordinal);
        Assert.Contains("the bot starts answer 'resume-order'", text, StringComparison.Ordinal);
        Assert.Contains("after dismissing with X: nothing (FrequencyCapped)", text, StringComparison.Ordinal);
        Assert.Contains("business hours only: nothing (OutsideTiming)", text, StringComparison.Ordinal);
        Assert.Contains("Help on the checkout page: sent 1, opened 1, replied 1", text, StringComparison.Ordinal);
        Assert.Contains("Announcement on the pricing page: sent 1, opened 0, replied 0", text, StringComparison.Ordinal);
    }
}
