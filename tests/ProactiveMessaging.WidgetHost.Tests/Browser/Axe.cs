using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// Runs the vendored axe-core (Browser/axe/axe.min.js, copied beside the tests) in a page with the
/// WCAG 2.0 and 2.1 A and AA rules, and label in name (WCAG 2.5.3). The page's Content-Security-Policy forbids injected scripts, so the
/// contexts of these checks are opened with Playwright's BypassCSP.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js")));

    private const string Run = """
        async () => {
          const results = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            // Experimental in axe-core, so off unless named: a control's name holds its visible text (WCAG 2.5.3).
            rules: { 'label-content-name-mismatch': { enabled: true } },
          });
          return results.violations.map(v => ({
            rule: v.id,
            impact: v.impact || 'unknown',
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
          }));
        }
        """;

    /// <summary>The violations in the page's current state, one readable line each (empty when it passes).</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string state)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        }

        var violations = await page.EvaluateAsync<JsonElement>(Run);
        var lines = new List<string>();
        foreach (var violation in violations.EnumerateArray())
        {
            var targets = string.Join(", ", violation.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
            lines.Add($"{state}: {violation.GetProperty("rule").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()} at {targets}");
        }

        return lines;
    }

    /// <summary>Fails with every violation listed when there is any.</summary>
    public static void AssertNone(IEnumerable<string> violations)
    {
        var all = violations.ToList();
        if (all.Count == 0)
        {
            return;
        }

        var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"axe-core found {all.Count} violation(s) of WCAG 2.1 A/AA:");
        foreach (var line in all)
        {
            report.Append("  - ").AppendLine(line);
        }

        Assert.Fail(report.ToString());
    }
}
