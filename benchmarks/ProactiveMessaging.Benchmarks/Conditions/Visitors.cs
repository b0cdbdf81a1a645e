using NodaTime;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>The same visitors for every benchmark: as a <see cref="VisitorContext"/> and as a plain object for RulesEngine.</summary>
public static class Visitors
{
    internal static readonly string[] Paths = ["/checkout/payment", "/products/42/reviews", "/checkout", "/en/products/running-shoe-2/reviews", "/", "/checkout/shipping", "/blog/2026/spring", "/cart"];
    internal static readonly string[] Countries = ["JP", "US", "FR", "BR", "DE", "JP", "GB", "US"];
    internal static readonly DeviceType[] Devices = [DeviceType.Mobile, DeviceType.Desktop, DeviceType.Tablet, DeviceType.Mobile, DeviceType.Mobile, DeviceType.Tablet, DeviceType.Desktop, DeviceType.Mobile];
    internal static readonly int[] Seconds = [45, 12, 31, 300, 5, 60, 90, 30];
    internal static readonly int[] VisitCounts = [3, 1, 2, 7, 1, 4, 2, 5];
    internal static readonly string[] Languages = ["ja-JP", "en-US", "fr-FR", "pt-BR", "de-DE", "ja", "en-GB", "en"];

    public static int Count => Paths.Length;

    /// <summary>How many of the visitors meet the compiled conditions: the loop every single-rule benchmark times.</summary>
    public static int CountMet(CompiledConditions conditions, VisitorContext[] visitors)
    {
        var count = 0;
        foreach (var visitor in visitors)
        {
            if (conditions.Evaluate(visitor))
            {
                count++;
            }
        }

        return count;
    }

    public static VisitorContext[] Contexts(FieldCatalog? catalog = null)
    {
        var contexts = new VisitorContext[Count];
        for (var i = 0; i < Count; i++)
        {
            var visitor = new VisitorContext(catalog);
            visitor.SetPageUrl("https://shop.example.com" + Paths[i] + (i % 2 == 0 ? "?utm_source=newsletter" : string.Empty));
            visitor.SetPageTitle(i % 3 == 0 ? "Checkout – Example Shop" : "Example Shop");
            visitor.SetTimeOnPage(Duration.FromSeconds(Seconds[i]));
            visitor.SetVisits(VisitCounts[i]);
            visitor.SetPageViews(i + 1);
            visitor.SetReturning(VisitCounts[i] > 1);
            visitor.SetIdentified(i % 4 == 0);
            visitor.SetDeviceType(Devices[i]);
            visitor.SetCountry(Countries[i]);
            visitor.SetLanguage(Languages[i]);
            visitor.SetOperatingSystem(i % 2 == 0 ? "iOS" : "Windows");
            visitor.SetBrowser(i % 2 == 0 ? "Safari" : "Chrome");
            visitor.SetChannelKind("webWidget");
            visitor.SetLocalTime(Instant.FromUtc(2026, 3, 2, 1 + (i * 3), 15), DateTimeZoneProviders.Tzdb["Europe/Paris"]);
            contexts[i] = visitor;
        }

        return contexts;
    }

    public static VisitorRecord[] Records()
    {
        var records = new VisitorRecord[Count];
        for (var i = 0; i < Count; i++)
        {
            records[i] = new VisitorRecord
            {
                PagePath = Paths[i],
                TimeOnPage = Seconds[i],
                Visits = VisitCounts[i],
                DeviceType = Devices[i].ToString().ToLowerInvariant(),
                Country = Countries[i],
            };
        }

        return records;
    }

    /// <summary>The plain object RulesEngine reads (it needs public properties).</summary>
    public sealed class VisitorRecord
    {
        public string PagePath { get; set; } = "";

        public double TimeOnPage { get; set; }

        public int Visits { get; set; }

        public string DeviceType { get; set; } = "";

        public string Country { get; set; } = "";
    }
}
