using System.Text.Json;
using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>What an administrator does on the admin pages.</summary>
internal static class AdminSteps
{
    /// <summary>The list's sortable columns in their order: sort key and header label.</summary>
    public static readonly (string Sort, string Label)[] Columns =
    [
        ("name", "Name"), ("status", "Status"), ("channel", "Channel"), ("sent", "Sent"),
        ("opened", "Opened"), ("replied", "Replied"), ("updatedAt", "Last updated"),
    ];

    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        ["edit"] = "Edit",
        ["duplicate"] = "Duplicate",
        ["publish"] = "Publish",
        ["pause"] = "Pause",
        ["resume"] = "Resume",
        ["delete"] = "Delete",
    };

    /// <summary>Opens /admin, signs in with the key through the form and waits for the list.</summary>
    public static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        await page.GetByLabel("Admin key").FillAsync(WidgetHostServer.AdminKey);
        await page.Locator("#admin-login").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Rows(page).First).ToBeVisibleAsync();
    }

    public static ILocator Rows(IPage page) => page.Locator("#messages tbody tr[data-message-id]");

    public static ILocator Row(IPage page, string id) => page.Locator($"#messages tr[data-message-id='{id}']");

    /// <summary>The cell of a row in the column at <paramref name="index"/> (0 = Name … 6 = Last updated, 7 = actions).</summary>
    public static ILocator Cell(IPage page, string id, int index) => Row(page, id).Locator(":scope > td, :scope > th").Nth(index);

    public static async Task<IReadOnlyList<string>> RenderedIdsAsync(IPage page) =>
        [.. (await Rows(page).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.messageId)"))];

    /// <summary>The list as the API orders it.</summary>
    public static async Task<JsonElement> ListAsync(BrowserScenario scenario, string sort, string direction)
    {
        var (status, body) = await scenario.AdminAsync("GET", $"/api/admin/messages?sort={sort}&direction={direction}");
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>Opens the row's action menu with a click and returns the menu.</summary>
    public static async Task<ILocator> OpenMenuAsync(IPage page, string id)
    {
        var button = Row(page, id).Locator("button.row-menu");
        await button.ClickAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        // The menu is named like its button; where it sits in the document is the page's choice.
        var label = await button.GetAttributeAsync("aria-label");
        var menu = page.Locator($"[role=menu][aria-label=\"{label}\"]");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        return menu;
    }
}
