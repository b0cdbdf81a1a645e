using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2 A and AA rules in each state the pages promise to pass: the shop idle, with a
/// message shown and with the conversation open; the admin list, with a row's menu open; the
/// message page with an explanation. These contexts bypass the pages' Content-Security-Policy so
/// that axe-core can be injected (nothing else in them depends on it).
/// </summary>
public sealed class AccessibilityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task ShopWidget_IdleWithAMessageShownAndOpen_PassesAxeWcag2aa()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium, bypassCsp: true);
        await scenario.RunAsync(async () =>
        {
            await ShopSteps.InstallClockAsync(scenario);
            var page = scenario.Page;
            List<string> violations = [];

            await ShopSteps.VisitAsync(page, "/checkout");
            await ShopSteps.ExpectIdleAsync(page);
            violations.AddRange(await Axe.ViolationsAsync(page, "shop idle"));

            await ShopSteps.StayAsync(page, 31, atLeast: 30);
            await ShopSteps.ExpectMessageAsync(page, ShopSteps.CheckoutText, ShopSteps.CheckoutSender);
            violations.AddRange(await Axe.ViolationsAsync(page, "message shown"));

            await ShopSteps.OpenMessageAsync(page);
            violations.AddRange(await Axe.ViolationsAsync(page, "conversation open"));
            Axe.AssertNone(violations);
        });
    }

    [Fact]
    public async Task AdminList_AndARowMenuOpen_PassAxeWcag2aa()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium, bypassCsp: true);
        await scenario.RunAsync(async () =>
        {
            var page = scenario.Page;
            List<string> violations = [];
            await page.GotoAsync("/admin");
            await Expect(page.Locator("#admin-login")).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(page, "admin sign-in"));

            await AdminSteps.SignInAsync(page);
            violations.AddRange(await Axe.ViolationsAsync(page, "admin list"));

            await AdminSteps.OpenMenuAsync(page, "checkout-help");
            violations.AddRange(await Axe.ViolationsAsync(page, "admin list with a menu open"));
            Axe.AssertNone(violations);
        });
    }

    [Fact]
    public async Task MessagePage_WithAnExplanation_PassesAxeWcag2aa()
    {
        await using var scenario = await BrowserScenario.StartAsync(chromium, bypassCsp: true);
        await scenario.RunAsync(async () =>
        {
            var page = scenario.Page;
            await AdminSteps.SignInAsync(page);
            await AdminSteps.Cell(page, "checkout-help", 0).GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Help at checkout", Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel("Time on page in seconds").FillAsync("31");
            await page.Locator("#explain-form").GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
            await Expect(page.Locator("#explanation-verdict")).ToHaveTextAsync("Would show: yes");
            Axe.AssertNone(await Axe.ViolationsAsync(page, "message page with an explanation"));
        });
    }
}
