using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>What a visitor does on the demo shop, and what the tests wait for: the widget's own requests.</summary>
internal static class ShopSteps
{
    public const string CheckoutText = "Need a hand with your payment?";
    public const string CheckoutSender = "Ada from Demo Shop";
    public const string CheckoutFollowUp = "Thanks! What can we help you with today?";
    public const string AgentWillJoin = "An agent will join you shortly.";
    public const string BotText = "Questions about this product? Ask our bot 🤖";
    public const string BotName = "Shop Bot";
    public const string BotFirstStep = "Hi! I can help with sizes, delivery and returns. What would you like to know?";

    /// <summary>
    /// Installs Playwright's clock in the context before any page loads, so the tests can move the
    /// pages' time on (heartbeats, time on page) without waiting; it keeps ticking on its own too.
    /// </summary>
    public static Task InstallClockAsync(BrowserScenario scenario) => scenario.Context.Clock.InstallAsync();

    /// <summary>Loads a shop page and returns the decision for its page view.</summary>
    public static async Task<JsonElement> VisitAsync(IPage page, string path)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(path),
            r => IsEvent(r, "pageView"));
        return await DecisionAsync(response);
    }

    /// <summary>
    /// Moves the page's time on by <paramref name="seconds"/> and returns the decision for the heartbeat
    /// that reports at least <paramref name="atLeast"/> seconds on the page (heartbeats the clock sent
    /// on its own before are not it).
    /// </summary>
    public static async Task<JsonElement> StayAsync(IPage page, int seconds, double atLeast)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Clock.FastForwardAsync(TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)),
            r => IsEvent(r, "heartbeat") && TimeOnPage(r.Request) >= atLeast);
        return await DecisionAsync(response);
    }

    /// <summary>Waits until the widget shows <paramref name="text"/> from <paramref name="sender"/> above the launcher.</summary>
    public static async Task ExpectMessageAsync(IPage page, string text, string sender)
    {
        await Assertions.Expect(page.Locator("#pm-widget")).ToHaveAttributeAsync("data-state", "message");
        var message = page.Locator("#pm-message");
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message).ToHaveAttributeAsync("aria-label", $"Message from {sender}");
        await Assertions.Expect(message.Locator(".pm-sender")).ToHaveTextAsync(sender);
        await Assertions.Expect(page.Locator("#pm-message-open .pm-text")).ToHaveTextAsync(text);
        await Assertions.Expect(page.Locator("#pm-launcher-label")).ToHaveTextAsync(text);
        await Assertions.Expect(page.Locator("#pm-launcher")).ToHaveAttributeAsync("aria-label", $"{text} (open the message from {sender})");
    }

    /// <summary>Waits until the widget shows nothing but the launcher.</summary>
    public static async Task ExpectIdleAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#pm-widget")).ToHaveAttributeAsync("data-state", "idle");
        await Assertions.Expect(page.Locator("#pm-message")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#pm-launcher-label")).ToHaveTextAsync("Chat with us");
    }

    /// <summary>Checkout past the 30 seconds: Help at checkout is shown.</summary>
    public static async Task ShowCheckoutHelpAsync(IPage page)
    {
        var first = await VisitAsync(page, "/checkout");
        Assert.False(first.GetProperty("show").GetBoolean(), $"shown on the page view already: {first}");
        var decision = await StayAsync(page, 31, atLeast: 30);
        Assert.True(decision.GetProperty("show").GetBoolean(), $"not shown after 31 s: {decision}");
        Assert.Equal("checkout-help", decision.GetProperty("message").GetProperty("id").GetString());
        await ExpectMessageAsync(page, CheckoutText, CheckoutSender);
    }

    /// <summary>Opens the shown message by its button; returns once the opened outcome is recorded.</summary>
    public static async Task OpenMessageAsync(IPage page)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("#pm-message-open").ClickAsync(),
            r => IsOutcome(r, "opened"));
        await Assertions.Expect(page.Locator("#pm-widget")).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(page.Locator("#pm-conversation")).ToBeVisibleAsync();
    }

    /// <summary>Gives name and email in the open conversation; returns once the reply is recorded.</summary>
    public static async Task GiveNameAndEmailAsync(IPage page)
    {
        var form = page.Locator("#pm-details");
        // The checkout page has an Email field of its own: the widget's are those of its form.
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Grace Hopper");
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync("grace@example.com");
        await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync(),
            r => IsOutcome(r, "replied"));
    }

    public static bool IsEvent(IResponse response, string kind) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/visitor/events" && Body(response.Request) is { } body &&
        body.TryGetProperty("kind", out var k) && k.GetString() == kind;

    public static bool IsOutcome(IResponse response, string outcome) =>
        response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/visitor/outcomes" && Body(response.Request) is { } body &&
        body.TryGetProperty("outcome", out var o) && o.GetString() == outcome;

    private static double TimeOnPage(IRequest request) =>
        Body(request) is { } body && body.TryGetProperty("timeOnPageSeconds", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : -1;

    private static JsonElement? Body(IRequest request)
    {
        try
        {
            return request.PostData is { } data ? JsonElement.Parse(data) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<JsonElement> DecisionAsync(IResponse response)
    {
        Assert.True(response.Ok, $"{response.Url} answered {response.Status}");
        return JsonElement.Parse(await response.TextAsync());
    }
}
