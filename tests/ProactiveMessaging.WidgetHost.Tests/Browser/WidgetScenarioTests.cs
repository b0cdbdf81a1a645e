using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>The demo shop's widget in a real browser, against the seed catalog.</summary>
public sealed partial class WidgetScenarioTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("/", "Demo Shop")]
    [InlineData("/products/desk-lamp", "Desk lamp")]
    [InlineData("/cart", "Your cart")]
    [InlineData("/checkout", "Checkout")]
    public async Task ShopPage_ForEachPath_RendersItsHeadingInTheLandmarksWithTheWidget(string path, string heading)
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            var page = scenario.Page;
            await ShopSteps.VisitAsync(page, path);
            await Expect(page.Locator("main h1")).ToHaveTextAsync(heading);
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await Expect(page.Locator("footer")).ToHaveCountAsync(1);
            var nav = page.Locator("header nav[aria-label='Shop']");
            await Expect(nav.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Home", "Desk lamp", "Cart", "Checkout"]);
            var script = page.Locator("script[src='/widget/widget.js']");
            await Expect(script).ToHaveAttributeAsync("data-channel", "web");
            await Expect(script).ToHaveAttributeAsync("data-heartbeat-seconds", "5");

            var launcher = page.Locator("#pm-launcher");
            await Expect(launcher).ToHaveAttributeAsync("type", "button");
            await Expect(launcher).ToHaveAttributeAsync("aria-controls", "pm-conversation");
            await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
            await ShopSteps.ExpectIdleAsync(page);
            Assert.StartsWith("v-", await page.EvaluateAsync<string>("() => localStorage.getItem('pm.visitorId')"), StringComparison.Ordinal);
            Assert.StartsWith("s-", await page.EvaluateAsync<string>("() => sessionStorage.getItem('pm.visitId')"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Checkout_PastThirtySecondsOnThePage_ShowsHelpAtCheckoutAboveTheLauncher()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            var pageView = await ShopSteps.VisitAsync(page, "/checkout");
            Assert.False(pageView.GetProperty("show").GetBoolean());
            await ShopSteps.ExpectIdleAsync(page);

            // Before the 30 seconds nothing shows; the page keeps sending heartbeats.
            var early = await ShopSteps.StayAsync(page, 20, atLeast: 20);
            Assert.False(early.GetProperty("show").GetBoolean(), $"shown after 20 s: {early}");
            await ShopSteps.ExpectIdleAsync(page);

            var due = await ShopSteps.StayAsync(page, 11, atLeast: 30);
            Assert.True(due.GetProperty("show").GetBoolean(), $"not shown after 31 s: {due}");
            await ShopSteps.ExpectMessageAsync(page, ShopSteps.CheckoutText, ShopSteps.CheckoutSender);
            await Screenshots.SaveAsync(page, "widget.png");
        });
    }

    [Fact]
    public async Task Purchase_WhileHelpAtCheckoutIsShown_StillReachesTheEngine()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            await ShopSteps.ShowCheckoutHelpAsync(page);

            var form = page.Locator("#checkout-form");
            await form.GetByLabel("Full name").FillAsync("Grace Hopper");
            await form.GetByLabel("Email").FillAsync("grace@example.com");
            await form.GetByLabel("Street and number").FillAsync("1 Harbour Street");
            await form.GetByLabel("Postcode").FillAsync("1000");
            await form.GetByLabel("City").FillAsync("Lisbon");
            await form.GetByLabel("Card number").FillAsync("4242424242424242");
            await form.GetByLabel("Expiry (MM/YY)").FillAsync("12/30");
            await form.GetByLabel("Security code").FillAsync("123");
            var purchase = await page.RunAndWaitForResponseAsync(
                () => form.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync(),
                r => ShopSteps.IsEvent(r, "appEvent"));

            Assert.True(purchase.Ok, $"the purchase event answered {purchase.Status}");
            Assert.Equal("purchase", purchase.Request.PostDataJSON()!.Value.GetProperty("eventName").GetString());
            await ShopSteps.ExpectMessageAsync(page, ShopSteps.CheckoutText, ShopSteps.CheckoutSender);
        });
    }

    [Fact]
    public async Task HelpAtCheckout_OpenedAndGivenNameAndEmail_ShowsTheFollowUpAndThatAnAgentWillJoin()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            await ShopSteps.ShowCheckoutHelpAsync(page);

            await ShopSteps.OpenMessageAsync(page);
            var panel = page.Locator("#pm-conversation");
            await Expect(panel).ToHaveAttributeAsync("role", "dialog");
            await Expect(panel).ToHaveAttributeAsync("aria-label", $"Conversation with {ShopSteps.CheckoutSender}");
            await Expect(page.Locator("#pm-launcher")).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.Locator("#pm-transcript > li").First).ToContainTextAsync(ShopSteps.CheckoutText);
            await Expect(page.Locator("#pm-details #pm-name")).ToBeVisibleAsync();
            await Expect(page.Locator("#pm-details #pm-email")).ToHaveAttributeAsync("type", "email");

            await ShopSteps.GiveNameAndEmailAsync(page);
            await Expect(page.Locator("#pm-details")).ToHaveCountAsync(0);
            var entries = page.Locator("#pm-transcript > li");
            // The visitor's details stand as the visitor's words (in one entry or two: the pages decide).
            await Expect(page.Locator("#pm-transcript > li.pm-from-visitor").First).ToBeVisibleAsync();
            Assert.Contains("Grace Hopper", await page.Locator("#pm-transcript > li.pm-from-visitor").AllInnerTextsAsync() is var texts ? string.Join(" ", texts) : "");
            Assert.Contains("grace@example.com", string.Join(" ", texts));
            await Expect(page.Locator("#pm-transcript > li.pm-from-agent").Last).ToHaveTextAsync(ShopSteps.CheckoutFollowUp);
            await Expect(entries.Last).ToHaveClassAsync(PmFromSystem());
            await Expect(entries.Last).ToHaveTextAsync(ShopSteps.AgentWillJoin);
        });
    }

    [Fact]
    public async Task AdminList_AfterAVisitorOpenedHelpAtCheckoutAndReplied_ShowsSentOpenedAndRepliedOfOne()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var shop = scenario.Page;
            await ShopSteps.ShowCheckoutHelpAsync(shop);
            await ShopSteps.OpenMessageAsync(shop);
            await ShopSteps.GiveNameAndEmailAsync(shop);
            await Expect(shop.Locator("#pm-transcript > li").Last).ToHaveTextAsync(ShopSteps.AgentWillJoin);

            var admin = await scenario.NewTabAsync();
            await AdminSteps.SignInAsync(admin);
            await Expect(AdminSteps.Cell(admin, "checkout-help", 0)).ToHaveTextAsync("Help at checkout");
            await Expect(AdminSteps.Cell(admin, "checkout-help", 1)).ToHaveTextAsync("Live");
            await Expect(AdminSteps.Cell(admin, "checkout-help", 3)).ToHaveTextAsync("1");
            await Expect(AdminSteps.Cell(admin, "checkout-help", 4)).ToHaveTextAsync("1");
            await Expect(AdminSteps.Cell(admin, "checkout-help", 5)).ToHaveTextAsync("1");

            // The product message was never shown: its counts stay at zero.
            await Expect(AdminSteps.Cell(admin, "product-bot", 3)).ToHaveTextAsync("0");
            await Screenshots.SaveAsync(admin, "admin-list.png");
        });
    }

    [Fact]
    public async Task HelpAtCheckout_DismissedWithX_StaysAwayForTheVisitAndComesBackInTheNextVisit()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            await ShopSteps.ShowCheckoutHelpAsync(page);

            await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Dismiss message" }).ClickAsync(),
                r => ShopSteps.IsOutcome(r, "dismissed"));
            await ShopSteps.ExpectIdleAsync(page);

            // oncePerVisit: heartbeats go on, but not this message again in this visit...
            var later = await ShopSteps.StayAsync(page, 15, atLeast: 40);
            Assert.False(later.GetProperty("show").GetBoolean(), $"back in the same visit: {later}");
            await ShopSteps.ExpectIdleAsync(page);

            // ...nor on checkout loaded again in the same tab (the same visit).
            await ShopSteps.VisitAsync(page, "/checkout");
            var again = await ShopSteps.StayAsync(page, 31, atLeast: 30);
            Assert.False(again.GetProperty("show").GetBoolean(), $"back after reloading checkout in the same visit: {again}");
            await ShopSteps.ExpectIdleAsync(page);
            var visitorId = await page.EvaluateAsync<string>("() => localStorage.getItem('pm.visitorId')");
            var visitId = await page.EvaluateAsync<string>("() => sessionStorage.getItem('pm.visitId')");

            // A new tab is a new visit of the same visitor: the message comes back.
            var next = await scenario.NewTabAsync();
            await ShopSteps.ShowCheckoutHelpAsync(next);
            Assert.Equal(visitorId, await next.EvaluateAsync<string>("() => localStorage.getItem('pm.visitorId')"));
            Assert.NotEqual(visitId, await next.EvaluateAsync<string>("() => sessionStorage.getItem('pm.visitId')"));
        });
    }

    [Fact]
    public async Task ProductBot_OnTheSecondPageViewOfAProduct_ShowsTheBotWhoseFirstStepOpensTheConversation()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            var page = scenario.Page;
            var first = await ShopSteps.VisitAsync(page, "/products/desk-lamp");
            Assert.False(first.GetProperty("show").GetBoolean(), $"shown on the first page view: {first}");
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Desk lamp");
            await ShopSteps.ExpectIdleAsync(page);

            var second = await ShopSteps.VisitAsync(page, "/products/desk-lamp");
            Assert.True(second.GetProperty("show").GetBoolean(), $"not shown on the second page view: {second}");
            await ShopSteps.ExpectMessageAsync(page, ShopSteps.BotText, ShopSteps.BotName);

            await ShopSteps.OpenMessageAsync(page);
            await Expect(page.Locator("#pm-conversation")).ToHaveAttributeAsync("aria-label", $"Conversation with {ShopSteps.BotName}");
            var entries = page.Locator("#pm-transcript > li");
            await Expect(entries.First).ToContainTextAsync(ShopSteps.BotText);
            await Expect(page.Locator("#pm-transcript > li.pm-from-bot").Last).ToHaveTextAsync(ShopSteps.BotFirstStep);

            await page.GetByLabel("Your message").FillAsync("Does it fit a 40 W bulb?");
            await page.RunAndWaitForResponseAsync(
                () => page.Locator("#pm-reply").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync(),
                r => ShopSteps.IsOutcome(r, "replied"));
            await Expect(page.Locator("#pm-transcript > li.pm-from-visitor").Last).ToContainTextAsync("Does it fit a 40 W bulb?");
        });
    }

    [Fact]
    public async Task Launcher_WithTheKeyboardOnly_OpensTheMessageTakesTheDetailsAndEscapeReturnsFocus()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            await ShopSteps.ShowCheckoutHelpAsync(page);

            await TabUntilAsync(page, "pm-launcher");
            await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => ShopSteps.IsOutcome(r, "opened"));
            await Expect(page.Locator("#pm-widget")).ToHaveAttributeAsync("data-state", "open");
            await Expect(page.Locator("#pm-launcher")).ToHaveAttributeAsync("aria-expanded", "true");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('#pm-conversation')"), "focus did not move into the conversation");

            await TabUntilAsync(page, "pm-name");
            await page.Keyboard.TypeAsync("Grace Hopper");
            await TabUntilAsync(page, "pm-email");
            await page.Keyboard.TypeAsync("grace@example.com");
            await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => ShopSteps.IsOutcome(r, "replied"));
            await Expect(page.Locator("#pm-transcript > li").Last).ToHaveTextAsync(ShopSteps.AgentWillJoin);

            await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Escape"), r => ShopSteps.IsOutcome(r, "windowClosed"));
            await Expect(page.Locator("#pm-widget")).ToHaveAttributeAsync("data-state", "idle");
            await Expect(page.Locator("#pm-conversation")).ToBeHiddenAsync();
            await Expect(page.Locator("#pm-launcher")).ToBeFocusedAsync();
            await Expect(page.Locator("#pm-launcher")).ToHaveAttributeAsync("aria-expanded", "false");
        });
    }

    [GeneratedRegex(@"\bpm-from-system\b")]
    private static partial Regex PmFromSystem();

    [GeneratedRegex("^Pay ")]
    private static partial Regex PayButton();

    /// <summary>Presses Tab (at most 40 times) until the element with <paramref name="id"/> has the focus.</summary>
    internal static async Task TabUntilAsync(IPage page, string id)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"#{id} never took the focus with Tab.");
    }
}
